// Named aliases of the generated contract types (schema.d.ts is generated: never edit it by hand).
import type { components } from './schema'

type Schemas = components['schemas']

export type Problem = Schemas['Problem']
export type TokenPair = Schemas['TokenPair']
export type CandidateProfile = Schemas['CandidateProfile']
export type Me = Schemas['Me']
export type Channel = Schemas['Channel']
export type CodePurpose = Schemas['CodePurpose']
export type CodeRequest = Schemas['CodeRequest']
export type CodeSent = Schemas['CodeSent']
export type SignupRequest = Schemas['SignupRequest']
export type SignupResponse = Schemas['SignupResponse']
export type CandidateLoginRequest = Schemas['CandidateLoginRequest']
export type UnlockRequest = Schemas['UnlockRequest']
export type PasswordResetRequest = Schemas['PasswordResetRequest']
export type ExamSessionView = Schemas['ExamSessionView']
