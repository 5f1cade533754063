/** Who builds tests here: teachers, a centre's account and the platform's administrators. */
export const TEACHERS = ["teacher", "organization", "admin"] as const;
