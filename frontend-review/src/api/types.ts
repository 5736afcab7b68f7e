// Names for the contract's schemas (src/api/schema.d.ts is generated; never edit it by hand).
import type { components } from './schema'

type Schemas = components['schemas']

export type Problem = Schemas['Problem']
export type TokenPair = Schemas['TokenPair']
export type Me = Schemas['Me']
export type StaffProfile = Schemas['StaffProfile']
export type StaffLoginResponse = Schemas['StaffLoginResponse']
export type TotpEnrolment = Schemas['TotpEnrolment']
export type RegistrationSummary = Schemas['RegistrationSummary']
export type RegistrationDetail = Schemas['RegistrationDetail']
export type RegistrationPage = Schemas['RegistrationPage']
export type RevealedIdNumber = Schemas['RevealedIdNumber']
export type OrgView = Schemas['OrgView']
export type AuditEventView = Schemas['AuditEventView']
export type AuditPage = Schemas['AuditPage']
export type ChainReport = Schemas['ChainReport']
export type FindingView = Schemas['FindingView']
export type EvidenceView = Schemas['EvidenceView']
export type LibraryInfo = Schemas['LibraryInfo']
export type LibraryColumn = Schemas['LibraryColumn']
export type BatchView = Schemas['BatchView']
export type ImportErrorView = Schemas['ImportErrorView']
export type LibraryRowsPage = Schemas['LibraryRowsPage']
export type CleanupResult = Schemas['CleanupResult']
export type MaterialView = Schemas['MaterialView']
export type MaterialLink = Schemas['MaterialLink']
export type StaffTimelineItem = Schemas['StaffTimelineItem']
export type ReasonView = Schemas['ReasonView']
export type DecisionAction = Schemas['DecisionAction']
export type DecisionRequest = Schemas['DecisionRequest']
export type DecisionResult = Schemas['DecisionResult']
export type BatchRequest = Schemas['BatchRequest']
export type BatchResult = Schemas['BatchResult']
export type BatchItem = Schemas['BatchItem']
/** The queue filter of a batch decision's body (the contract's `QueueFilter`; no paging, no sort). */
export type BatchFilter = Schemas['QueueFilter']
export type ReviewStatistics = Schemas['ReviewStatistics']
export type StatusLevelCount = Schemas['StatusLevelCount']
export type OrgStatusCount = Schemas['OrgStatusCount']
export type SpecialtyStat = Schemas['SpecialtyStat']
export type DayStat = Schemas['DayStat']
export type ReviewerStat = Schemas['ReviewerStat']
export type DeadlineStat = Schemas['DeadlineStat']
export type ReopenRequest = Schemas['ReopenRequest']
/** A staff data correction: the version seen, a merge patch of the form, and why. */
export type CorrectionRequest = Schemas['CorrectionRequest']
/** The history of a registration of an archived session (versions, findings, actions are loose objects). */
export type ArchivedRegistration = Schemas['ArchivedRegistration']
export type ReasonInput = Schemas['ReasonInput']
export type SpecialQueue = Schemas['Special']
export type FindingSeverity = Schemas['Severity']
export type ReconciliationView = Schemas['ReconciliationView']
export type PaymentAlert = Schemas['PaymentAlert']
export type AbnormalReport = Schemas['AbnormalReport']
export type AbnormalKind = Schemas['AbnormalKind']
export type AbnormalRegistration = Schemas['AbnormalRegistration']
export type NationalImportView = Schemas['NationalImportView']
/** A national–provincial comparison run (the contract's `RunView`). */
export type ComparisonRun = Schemas['RunView']
export type AnomalyView = Schemas['AnomalyView']
export type AnomalyPage = Schemas['AnomalyPage']
/** Anomalies of one kind by state (the contract's `KindCount`). */
export type AnomalyKindCount = Schemas['KindCount']
/** How a reviewer settles an anomaly (the contract's `ResolveRequest`). */
export type ResolveAnomalyRequest = Schemas['ResolveRequest']
/** A probation certificate (试用期考核证明) as an institution files or replaces it. */
export type FilingRequest = Schemas['FilingRequest']
export type FilingView = Schemas['FilingView']
export type FilingPage = Schemas['FilingPage']
/** Why a certificate is withdrawn (the contract's `RevokeRequest`). */
export type RevokeFilingRequest = Schemas['RevokeRequest']
/** One operations report file (backup, restore drill, security patrol). */
export type ReportEntry = Schemas['ReportEntry']
/** The exam region's re-check of a nurse fresh graduate's supplementary materials (补充材料复核). */
export type SupplementQueue = Schemas['SupplementQueue']
export type SupplementQueueItem = Schemas['SupplementQueueItem']
/** One status's count in the supplement queue (the tabs' badges). */
export type SupplementStatusCount = Schemas['StatusCount']
export type SupplementView = Schemas['SupplementView']
export type SupplementAction = Schemas['SupplementAction']
export type SupplementDecision = Schemas['SupplementDecision']

/** Staff roles (one per account); `institution` is a medical institution's portal user (its probation certificates). */
export const ROLES = ['reviewer', 'region_admin', 'system_admin', 'auditor', 'institution'] as const
export type Role = (typeof ROLES)[number]

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value)
}

/** A spot check of approvals (审核结果核验): a sample of one level's approvals that the exam region re-checks. */
export type SpotCheckSummary = Schemas['SpotCheckSummary']
export type SpotCheckView = Schemas['SpotCheckView']
export type SpotCheckItem = Schemas['SpotCheckItem']
export type ReviewerTally = Schemas['ReviewerTally']
export type NewSpotCheck = Schemas['NewSpotCheck']
export type SpotVerdict = Schemas['SpotVerdict']
export type SpotCheckVerdict = Schemas['SpotCheckVerdict']
/** Staff accounts (账号管理): region and system administrators. */
export type StaffAccountView = Schemas['StaffAccountView']
export type NewStaff = Schemas['NewStaff']
export type StaffPatch = Schemas['StaffPatch']
export type StaffCredentials = Schemas['StaffCredentials']
/** Exam sessions as the exam region configures them (考试日程): the review chain and every window, any status. */
export type AdminSessionView = Schemas['AdminSessionView']
export type ScheduleRequest = Schemas['ScheduleRequest']
export type LevelWindow = Schemas['LevelWindow']
export type StageWindow = Schemas['StageWindow']
export type StageWindowInput = Schemas['StageWindowInput']
/** One row of a session's fee table (收费标准): integer fen per unit. */
export type FeeItemView = Schemas['FeeItemView']
export type FeeInput = Schemas['FeeInput']
/** Third-party API clients (接口客户端): secrets come back once and are never shown again. */
export type ApiClientView = Schemas['ApiClientView']
export type NewClient = Schemas['NewClient']
export type ClientPatch = Schemas['ClientPatch']
export type ClientSecret = Schemas['ClientSecret']
/** Group registration (集体报名): a school's graduating class list of a nurse session and its students' status. */
export type ClassListReport = Schemas['ClassListReport']
export type ClassListPage = Schemas['ClassListPage']
export type ClassStudentView = Schemas['ClassStudentView']
export type ClassStatusCount = Schemas['ClassStatusCount']
