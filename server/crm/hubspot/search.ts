import type { FilterOperatorEnum as ContactOperator } from '@hubspot/api-client/lib/codegen/crm/contacts';
import type { FilterOperatorEnum as CallOperator } from '@hubspot/api-client/lib/codegen/crm/objects/calls';

/**
 * CRM search request pieces: filters in a group are ANDed, groups are ORed (at most 5 groups).
 * Each generated SDK module declares its own operator enum whose runtime values are these strings.
 */

interface FilterGroup<Operator> {
  filters: Array<{ propertyName: string; operator: Operator; value: string }>;
}

export type ContactFilterGroup = FilterGroup<ContactOperator>;
export type CallFilterGroup = FilterGroup<CallOperator>;

const CONTACT_EQ = 'EQ' as ContactOperator;
const CALL_EQ = 'EQ' as CallOperator;

export function contactEq(propertyName: string, value: string): ContactFilterGroup {
  return { filters: [{ propertyName, operator: CONTACT_EQ, value }] };
}

export function callEq(propertyName: string, value: string): CallFilterGroup {
  return { filters: [{ propertyName, operator: CALL_EQ, value }] };
}
