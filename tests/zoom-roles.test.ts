import { describe, expect, it } from 'vitest';
import { callRecapRole } from '../server/zoom/roles';

describe('CallRecap role from Zoom roles', () => {
  it('maps the built-in Contact Center roles', () => {
    expect(callRecapRole({ contactCenterRoleName: 'Agent' })).toBe('agent');
    expect(callRecapRole({ contactCenterRoleName: 'Supervisor' })).toBe('supervisor');
    expect(callRecapRole({ contactCenterRoleName: 'Admin' })).toBe('admin');
    expect(callRecapRole({ contactCenterRoleName: '  supervisor ' })).toBe('supervisor');
  });

  it('makes the installer and Zoom account owners and admins admins, whatever their ZCC role', () => {
    expect(callRecapRole({ contactCenterRoleName: 'Agent', isInstaller: true })).toBe('admin');
    expect(callRecapRole({ contactCenterRoleName: 'Agent', accountRoleName: 'Owner' })).toBe('admin');
    expect(callRecapRole({ contactCenterRoleName: null, accountRoleName: 'Admin' })).toBe('admin');
    expect(
      callRecapRole({ contactCenterRoleName: 'Agent', accountRoleName: 'Custom Role', accountRoleId: '1' }),
    ).toBe('admin');
    expect(
      callRecapRole({ contactCenterRoleName: 'Agent', accountRoleName: 'Member', accountRoleId: '2' }),
    ).toBe('agent');
  });

  it('gives custom roles the least privilege unless the organization maps them', () => {
    expect(callRecapRole({ contactCenterRoleName: 'Admin_Copy' })).toBe('agent');
    expect(callRecapRole({ contactCenterRoleName: 'Not an admin' })).toBe('agent');
    expect(callRecapRole({ contactCenterRoleName: 'constructor' })).toBe('agent');
    expect(
      callRecapRole({ contactCenterRoleName: 'Team Lead', customRoles: { 'team lead': 'supervisor' } }),
    ).toBe('supervisor');
    expect(callRecapRole({})).toBe('agent');
  });
});
