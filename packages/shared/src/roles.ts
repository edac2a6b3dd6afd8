import { z } from 'zod';

export const Role = z.enum(['applicant', 'assessor', 'officer', 'finance', 'admin']);
export type Role = z.infer<typeof Role>;

export const ROLE_LABELS: Record<Role, string> = {
  applicant: 'Applicant',
  assessor: 'Assessor',
  officer: 'Grants officer',
  finance: 'Finance officer',
  admin: 'Administrator',
};

export const ROLE_DESCRIPTIONS: Record<Role, string> = {
  applicant: 'Registers a community group and applies for grants',
  assessor: 'Scores bids on a panel, after declaring any conflict of interest',
  officer: 'Runs funds, screens bids, records panel decisions and monitors grants',
  finance: 'Approves and records payments and tracks spend against budget',
  admin: 'Manages users, roles and reference data',
};

/** A role held by a user. An assessor role may be limited to one fund (e.g. Youth Commissioners). */
export const RoleGrant = z.object({
  id: z.uuid(),
  role: Role,
  fundId: z.uuid().nullable(),
  fundName: z.string().nullable(),
});
export type RoleGrant = z.infer<typeof RoleGrant>;
