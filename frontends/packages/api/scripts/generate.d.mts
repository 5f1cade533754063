export function generate(service: string): Promise<string>;
export function generateIndex(): Promise<string>;
export function services(): Promise<string[]>;
export function stale(): Promise<string[]>;
