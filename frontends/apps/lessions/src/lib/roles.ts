/** Who authors courses here (the API's teaching roles). */
export const TEACHERS = ["teacher", "organization", "moderator", "admin"] as const;

export function isTeacher(role: string): boolean {
  return (TEACHERS as readonly string[]).includes(role);
}
