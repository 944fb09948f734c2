import type { PolicyRule } from './change-policy';
import { blackoutRule } from './rules/blackout.rule';
import { changeWindowRule } from './rules/change-window.rule';
import { developmentApprovalRule } from './rules/development-approval.rule';
import { emergencyApprovalRule } from './rules/emergency-approval.rule';
import { knownDeploymentRule } from './rules/known-deployment.rule';
import { knownResourceRule } from './rules/known-resource.rule';
import { minimumInstancesRule } from './rules/minimum-instances.rule';
import { productionApprovalRule } from './rules/production-approval.rule';
import { quotaRule } from './rules/quota.rule';
import { standardChangeRule } from './rules/standard-change.rule';

/** The change policy's rules, hard limits first; the engine asks each of them. */
export const policyRules: readonly PolicyRule[] = [
  knownResourceRule,
  knownDeploymentRule,
  minimumInstancesRule,
  quotaRule,
  standardChangeRule,
  productionApprovalRule,
  developmentApprovalRule,
  emergencyApprovalRule,
  changeWindowRule,
  blackoutRule,
];
