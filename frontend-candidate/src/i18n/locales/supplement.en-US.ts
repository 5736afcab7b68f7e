import type { SupMessages } from './supplement.zh-CN'

const sup: SupMessages = {
  title: 'Supplementary documents',
  heading: 'Supplementary documents',
  intro: 'As a fresh graduate, once you have paid you must upload your diploma within the set period; the exam region checks it.',
  status: {
    pending: 'To supply',
    submitted: 'Waiting for review',
    verified: 'Accepted',
    returned: 'Returned',
    rejected: 'Not accepted',
    expired: 'Overdue',
  },
  next: {
    pending: 'Upload your {kinds} and submit it to the exam region',
    returned: 'The exam region returned your documents: upload your {kinds} again as the reason says and submit',
    notOpen: 'Supplementary documents open on {at}: upload your {kinds} then',
    notConfigured: 'The period for supplementary documents ({kinds}) has not been announced yet; watch for notices',
    closed: 'The period for supplementary documents has ended: nothing can be uploaded or submitted',
    submitted: 'Submitted: waiting for the exam region’s review',
    verified: 'Your supplementary documents were accepted; nothing more to do',
    rejected: 'Your supplementary documents were not accepted; contact the exam region with any questions',
    expired: 'The supplementary documents were not submitted before the deadline',
    other: 'See where your supplementary documents stand',
  },
  deadline: {
    left: 'Deadline: {at} ({days} days left)',
    today: 'Deadline: {at} (less than a day left: submit soon)',
    at: 'Deadline: {at}',
  },
  reason: {
    returned: 'Why it was returned: {reason}',
    rejected: 'Why it was not accepted: {reason}',
  },
  at: {
    submitted: 'Submitted: {at}',
    decided: 'Reviewed: {at}',
  },
  entry: {
    pending: 'Upload {kinds}',
    returned: 'Upload again and submit',
    view: 'View supplementary documents',
  },
  block: {
    notOpen: 'Supplementary documents open on {at}; you cannot submit yet',
    notConfigured: 'The period for supplementary documents has not been announced; you cannot submit yet',
    closed: 'Supplementary documents closed on {at}; they can no longer be submitted',
    closedNoDate: 'Supplementary documents have closed; they can no longer be submitted',
    missing: 'Upload your {kinds} first, then submit',
    returned: 'Upload your {kinds} again as the reason says, then submit',
    uploading: 'A file is uploading: wait until it is done before you submit',
    notEditable: 'Your supplementary documents were submitted or reviewed and can no longer be changed',
  },
  materials: 'Documents to supply',
  submit: 'Submit for review',
  submitHint: 'After submitting, the exam region reviews your documents; they cannot be changed during review.',
  submitted: 'Supplementary documents submitted',
  versionConflict:
    'Your supplementary documents changed in the meantime (perhaps submitted on another page or device). We reloaded them: check before you continue.',
  missingField: '{kind}: {text}',
  none: 'This registration needs no supplementary documents.',
  loadFailed: 'Cannot read your supplementary documents right now.',
  homeNext: 'Paid: supplementary documents are still due before the deadline',
  back: 'Back to progress',
}

export default sup
