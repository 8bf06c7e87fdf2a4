import type { ComponentType } from 'react';
import type { SVGProps } from 'react';
import { AccountTab } from './account/AccountTab';
import { AuditTab } from './audit/AuditTab';
import { BillingTab } from './billing/BillingTab';
import { CategoriesTab } from './categories/CategoriesTab';
import { IntegrationsTab } from './integrations/IntegrationsTab';
import { SummarySettingsTab } from './summary/SummarySettingsTab';
import { UsersTab } from './users/UsersTab';
import { BuildingIcon, CardIcon, ListIcon, PlugIcon, SlidersIcon, TagIcon, UsersIcon } from '../ui/icons';

export interface SettingsTab {
  path: string;
  label: string;
  Icon: ComponentType<SVGProps<SVGSVGElement> & { size?: number }>;
  Component: ComponentType;
}

export const SETTINGS_TABS: SettingsTab[] = [
  { path: 'categories', label: 'Categories', Icon: TagIcon, Component: CategoriesTab },
  { path: 'summaries', label: 'Summary settings', Icon: SlidersIcon, Component: SummarySettingsTab },
  { path: 'users', label: 'Users & roles', Icon: UsersIcon, Component: UsersTab },
  { path: 'integrations', label: 'Integrations', Icon: PlugIcon, Component: IntegrationsTab },
  { path: 'billing', label: 'Billing', Icon: CardIcon, Component: BillingTab },
  { path: 'account', label: 'Account', Icon: BuildingIcon, Component: AccountTab },
  { path: 'audit', label: 'Audit log', Icon: ListIcon, Component: AuditTab },
];
