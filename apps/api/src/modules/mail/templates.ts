import { formatPence, ROLE_LABELS, type Role, type SecretLink, type SecretLinkKind } from '@cf/shared';
import type { MailMessage } from '../../lib/context.js';

/**
 * Every email the service writes, in one place: the words, the subject, the kind. Services pick a
 * template and queue it with `ctx.mail` inside their transaction. Edit here when the wording or
 * the council's contact details change.
 */

export interface Recipient {
  email: string;
  name: string;
}

const SIGN_OFF = 'Communities Fund team, Peterborough City Council';
const CONTACT = 'email communitiesfund@peterborough.gov.uk or call 01733 747474';

/**
 * What someone typed (a name), in curly quotes, so the reader sees where the council's words end
 * and theirs begin. Names are one line (the shared schemas), so a quote cannot be left open.
 */
const quoted = (typed: string) => `“${typed}”`;

/** No double or trailing spaces in a subject where an optional part (a reference) is missing. */
const tidy = (subject: string) => subject.replace(/\s+/g, ' ').trim();

function letter(to: Recipient, kind: string, subject: string, lines: string[]): MailMessage {
  return { to: to.email, kind, subject, body: lines.join('\n') };
}

/** What a secret link is and gives (decision 0014): the outbox keeps it beside the email. */
function secret(kind: SecretLinkKind, link: Partial<Omit<SecretLink, 'kind'>>): SecretLink {
  return {
    kind,
    roles: link.roles ?? [],
    organisationId: link.organisationId ?? null,
    userId: link.userId ?? null,
  };
}

/** An email whose body holds a link that works for whoever opens it. */
function secretLetter(
  to: Recipient,
  kind: string,
  subject: string,
  link: SecretLink,
  lines: string[],
): MailMessage {
  return { ...letter(to, kind, subject, lines), secret: link };
}

/** A message to a member of a group about their bid, with the link to it. */
function toGroup(to: Recipient, kind: string, subject: string, lines: string[], link: string): MailMessage {
  return letter(to, kind, tidy(subject), [
    `Dear ${to.name},`,
    '',
    ...lines,
    '',
    `See your bid: ${link}`,
    '',
    SIGN_OFF,
  ]);
}

export interface BidRef {
  reference: string | null;
  title: string | null;
  link: string;
}

const project = (bid: BidRef) => `“${bid.title ?? 'your project'}”`;

export const mailTemplates = {
  staffInvitation: (to: Recipient, p: { role: Role; fundId: string | null; link: string; days: number }) =>
    secretLetter(
      to,
      'invitation',
      'You have been invited to the Communities Fund',
      secret('staff_invitation', { roles: [{ role: p.role, fundId: p.fundId }] }),
      [
        'Hello,',
        '',
        `An administrator has invited you, as ${quoted(to.name)}, to the Communities Fund grants service as: ${ROLE_LABELS[p.role]}.`,
        '',
        'To set your password and sign in, open this link:',
        p.link,
        '',
        `The link works once and expires in ${p.days} days. If you were not expecting this, you can ignore this email.`,
        '',
        'Communities Fund team',
      ],
    ),

  groupInvitation: (
    to: { email: string },
    p: { inviterName: string; groupName: string; organisationId: string; link: string; days: number },
  ) =>
    secretLetter(
      { email: to.email, name: '' },
      'group_invitation',
      `${quoted(p.inviterName)} has invited you to join ${quoted(p.groupName)} on the Communities Fund`,
      secret('group_invitation', {
        roles: [{ role: 'applicant', fundId: null }],
        organisationId: p.organisationId,
      }),
      [
        'Hello,',
        '',
        `${quoted(p.inviterName)} has invited you to join ${quoted(p.groupName)} on the Communities Fund grants service, so you can work on your group’s bids together.`,
        '',
        'To join, open this link:',
        p.link,
        '',
        `The link works once and expires in ${p.days} days. If you were not expecting this, you can ignore this email.`,
        '',
        SIGN_OFF,
      ],
    ),

  // Paying grants (decision 0023). A changed bank account is how grant money is stolen: every other
  // member hears of it at once, with the council's number (never one from the email's sender).
  bankDetailsChanged: (
    to: Recipient,
    p: { groupName: string; changedByName: string; accountNumberEnd: string },
  ) =>
    letter(to, 'bank_details_changed', `The bank details of ${quoted(p.groupName)} have changed`, [
      `Dear ${to.name},`,
      '',
      `${quoted(p.changedByName)} has changed the bank details of ${quoted(p.groupName)} on the Communities Fund grants service. Grant payments will go to the account ending ${p.accountNumberEnd.replace(/^\*+/, '')} once the council has checked it.`,
      '',
      'If you did not make this change, call us: 01733 747474. Use this number, not one given in any other message.',
      '',
      SIGN_OFF,
    ]),

  groupMemberRemoved: (to: Recipient, p: { groupName: string; removedByName: string }) =>
    letter(to, 'group_member_removed', `You are no longer a member of ${quoted(p.groupName)}`, [
      `Dear ${to.name},`,
      '',
      `${quoted(p.removedByName)} has removed you from ${quoted(p.groupName)} on the Communities Fund grants service. You can no longer see or work on the group’s bids.`,
      '',
      `If you think this is a mistake, ask a member of the group to invite you again, or ${CONTACT}.`,
      '',
      SIGN_OFF,
    ]),

  // Account emails. Nobody has proved an unconfirmed address is theirs, so emails to one carry no
  // words anyone typed: a name is not a way to put a message into the council's emails.

  emailVerification: (to: { email: string }, p: { link: string; days: number; userId: string }) =>
    secretLetter(
      { email: to.email, name: '' },
      'email_verification',
      'Confirm your email address for the Communities Fund',
      secret('email_verification', { userId: p.userId }),
      [
        'Hello,',
        '',
        'An account on the Communities Fund grants service was created with this email address.',
        '',
        'To confirm that this email address is yours, open this link:',
        p.link,
        '',
        `The link works once and expires in ${p.days} days. Until you confirm your email address, the account cannot be used.`,
        '',
        'If you did not create an account, you can ignore this email: nothing more will happen.',
        '',
        SIGN_OFF,
      ],
    ),

  registrationAttempt: (to: { email: string }, p: { signInLink: string; resetLink: string }) =>
    letter(
      { email: to.email, name: '' },
      'registration_attempt',
      'Someone tried to create an account with your email address',
      [
        'Hello,',
        '',
        'Someone tried to create a new account on the Communities Fund grants service with this email address. You already have an account, so we did not create another one.',
        '',
        `If it was you, sign in to your account: ${p.signInLink}`,
        '',
        `If you have forgotten your password, choose a new one: ${p.resetLink}`,
        '',
        'If it was not you, you do not need to do anything. Your account has not changed.',
        '',
        SIGN_OFF,
      ],
    ),

  passwordReset: (to: { email: string }, p: { link: string; minutes: number; userId: string }) =>
    secretLetter(
      { email: to.email, name: '' },
      'password_reset',
      'Reset your password for the Communities Fund',
      secret('password_reset', { userId: p.userId }),
      [
        'Hello,',
        '',
        'Someone asked to reset the password of your account on the Communities Fund grants service.',
        '',
        'To choose a new password, open this link:',
        p.link,
        '',
        `The link works once and expires in ${p.minutes} minutes.`,
        '',
        'If you did not ask for this, you can ignore this email: your password has not changed.',
        '',
        SIGN_OFF,
      ],
    ),

  passwordChanged: (to: { email: string }, p: { resetLink: string }) =>
    letter(
      { email: to.email, name: '' },
      'password_changed',
      'Your Communities Fund password has been changed',
      [
        'Hello,',
        '',
        'The password of your account on the Communities Fund grants service has been changed. Everywhere you were signed in, you have been signed out.',
        '',
        `If you did not change it, choose a new password now: ${p.resetLink}`,
        `Then tell the grants team: ${CONTACT}.`,
        '',
        SIGN_OFF,
      ],
    ),

  emailChange: (to: { email: string }, p: { link: string; days: number; userId: string }) =>
    secretLetter(
      { email: to.email, name: '' },
      'email_change',
      'Confirm your new email address for the Communities Fund',
      secret('email_verification', { userId: p.userId }),
      [
        'Hello,',
        '',
        'Someone asked to use this email address for their account on the Communities Fund grants service.',
        '',
        'To confirm that this email address is yours and use it to sign in from now on, open this link:',
        p.link,
        '',
        `The link works once and expires in ${p.days} days. If you did not ask for this, you can ignore this email: nothing will change.`,
        '',
        SIGN_OFF,
      ],
    ),

  emailChangeRequested: (to: { email: string }, p: { newEmail: string; resetLink: string }) =>
    letter(
      { email: to.email, name: '' },
      'email_change_requested',
      'Someone asked to change the email address of your Communities Fund account',
      [
        'Hello,',
        '',
        `Someone signed in to your account on the Communities Fund grants service and asked to change its email address to ${quoted(p.newEmail)}.`,
        '',
        'Nothing changes until the link we sent to that address is opened. Until then, you still sign in with this address.',
        '',
        `If this was not you, choose a new password now: ${p.resetLink}`,
        `Then tell the grants team: ${CONTACT}.`,
        '',
        SIGN_OFF,
      ],
    ),

  emailChanged: (to: { email: string }, p: { newEmail: string }) =>
    letter(
      { email: to.email, name: '' },
      'email_changed',
      'The email address of your Communities Fund account has changed',
      [
        'Hello,',
        '',
        `The email address of your account on the Communities Fund grants service is now ${quoted(p.newEmail)}. From now on, sign in with that address. We will not send emails about your account to this address any more.`,
        '',
        `If this was not you, tell the grants team straight away: ${CONTACT}.`,
        '',
        SIGN_OFF,
      ],
    ),

  emailInUse: (to: { email: string }, p: { signInLink: string }) =>
    letter(
      { email: to.email, name: '' },
      'email_change_attempt',
      'Someone tried to use your email address for another account',
      [
        'Hello,',
        '',
        'Someone asked to change the email address of another account on the Communities Fund grants service to this address. You already have an account with this address, so nothing has changed.',
        '',
        `You can sign in to your account here: ${p.signInLink}`,
        '',
        'You do not need to do anything.',
        '',
        SIGN_OFF,
      ],
    ),

  bidSubmitted: (to: Recipient, bid: BidRef & { fundName: string; amountRequestedPence: number }) =>
    letter(to, 'bid_submitted', `We have received your bid ${bid.reference ?? ''}`, [
      `Dear ${to.name},`,
      '',
      `Thank you. We have received your bid to the ${bid.fundName} for ${project(bid)}, asking for ${formatPence(bid.amountRequestedPence)}.`,
      '',
      `Your reference is ${bid.reference ?? ''}. Use it if you contact us about your bid.`,
      '',
      'What happens next: the grants team will check that your group can apply. Then a panel will assess your bid. We will email you at each step.',
      '',
      `See your bid: ${bid.link}`,
      '',
      SIGN_OFF,
    ]),

  bidReturned: (
    to: Recipient,
    bid: BidRef & { message: string; sections?: string[]; documents?: string[] },
  ) =>
    letter(to, 'bid_returned', tidy(`Your bid ${bid.reference ?? ''} needs some changes`), [
      `Dear ${to.name},`,
      '',
      `The grants team has looked at your bid ${project(bid)} and has asked for some changes:`,
      '',
      bid.message,
      ...(bid.sections?.length ? ['', 'Change your answers in:', ...bid.sections.map((s) => `- ${s}`)] : []),
      ...(bid.documents?.length ? ['', 'Upload a new copy of:', ...bid.documents.map((d) => `- ${d}`)] : []),
      '',
      `You can now change your bid and send it again: ${bid.link}`,
      '',
      SIGN_OFF,
    ]),

  bidEligible: (to: Recipient, bid: BidRef) =>
    toGroup(
      to,
      'bid_eligible',
      `Your bid ${bid.reference ?? ''} can go forward to the panel`,
      [
        `We have checked your bid ${project(bid)}: your group can apply, and your bid is eligible for this fund.`,
        '',
        'What happens next: members of the panel will read and score your bid. Then the panel will decide which bids to fund. We will email you when it has decided.',
        '',
        `You do not need to do anything now. If you have questions, ${CONTACT}.`,
      ],
      bid.link,
    ),

  bidIneligible: (to: Recipient, bid: BidRef & { reason: string }) =>
    toGroup(
      to,
      'bid_ineligible',
      `Your bid ${bid.reference ?? ''} cannot go forward`,
      [
        `We have checked your bid ${project(bid)} and, unfortunately, it is not eligible for this fund.`,
        '',
        'The reason:',
        bid.reason,
        '',
        `If you have questions, or would like help with a future bid, ${CONTACT}.`,
      ],
      bid.link,
    ),

  bidAwarded: (
    to: Recipient,
    bid: BidRef & { amountPence: number; requestedPence: number; reason: string | null },
  ) =>
    toGroup(
      to,
      'bid_awarded',
      `Good news: your bid ${bid.reference ?? ''} has been awarded ${formatPence(bid.amountPence)}`,
      [
        `The panel has awarded ${formatPence(bid.amountPence)} to your bid ${project(bid)}.`,
        ...(bid.amountPence < bid.requestedPence
          ? [
              '',
              `This is less than the ${formatPence(bid.requestedPence)} you asked for, because: ${bid.reason ?? ''}`,
            ]
          : []),
        '',
        'Next, you will be asked to accept the grant offer. We will then pay the first part of the grant.',
      ],
      bid.link,
    ),

  // ─── Monitoring report reminders (decision 0027): each sent once per report ───
  /** To the group: a report is due in the next few weeks. */
  reportDueSoon: (to: Recipient, p: BidRef & { reportName: string; dueOn: string }) =>
    letter(
      to,
      'report_due_soon',
      tidy(`Your ${p.reportName} for ${p.reference ?? 'your grant'} is due on ${p.dueOn}`),
      [
        `Dear ${to.name},`,
        '',
        `Your ${p.reportName} for ${project(p)} is due on ${p.dueOn}.`,
        '',
        'Tell us how the project is going, what you have spent against your budget, what you have achieved against what you said you would, and a short story. Any member of your group can fill it in and send it.',
        '',
        `Write your report: ${p.link}`,
        '',
        `If you cannot send it on time, ${CONTACT}.`,
        '',
        SIGN_OFF,
      ],
    ),

  /** To the group: a report is late (sent once, the day after it was due). */
  reportOverdue: (to: Recipient, p: BidRef & { reportName: string; dueOn: string }) =>
    letter(to, 'report_overdue', tidy(`Your ${p.reportName} for ${p.reference ?? 'your grant'} is overdue`), [
      `Dear ${to.name},`,
      '',
      `Your ${p.reportName} for ${project(p)} was due on ${p.dueOn} and we have not received it.`,
      '',
      'Please send it as soon as you can. Until it is sent, your grants officer will see it as overdue, and it may hold up the rest of your grant.',
      '',
      `Write your report: ${p.link}`,
      '',
      `If something is stopping you, ${CONTACT}.`,
      '',
      SIGN_OFF,
    ]),

  offerIssued: (
    to: Recipient,
    offer: BidRef & { amountPence: number; deadline: string; agreementLink: string },
  ) =>
    letter(
      to,
      'offer_issued',
      tidy(`Your grant offer for ${offer.reference ?? ''}: please accept or decline it`),
      [
        `Dear ${to.name},`,
        '',
        `We are pleased to offer your group a grant of ${formatPence(offer.amountPence)} for ${project(offer)}.`,
        '',
        `Please read the grant agreement, then accept or decline the offer by ${offer.deadline}. Only a member of your group can answer.`,
        '',
        `Read the agreement: ${offer.agreementLink}`,
        `Answer the offer: ${offer.link}`,
        '',
        `If you have questions, ${CONTACT}.`,
        '',
        SIGN_OFF,
      ],
    ),

  // ─── Monitoring reports (decision 0024) ───
  reportReturned: (to: Recipient, p: BidRef & { report: string; comments: string }) =>
    letter(
      to,
      'report_returned',
      tidy(`Your ${p.report} for ${p.reference ?? ''}: please make some changes`),
      [
        `Dear ${to.name},`,
        '',
        `Thank you for your ${p.report} on ${project(p)}. We need you to change some things before we can approve it:`,
        '',
        p.comments,
        '',
        `Change the report and send it again: ${p.link}`,
        '',
        `If you have questions, ${CONTACT}.`,
        '',
        SIGN_OFF,
      ],
    ),

  reportApproved: (
    to: Recipient,
    p: BidRef & { report: string; final: boolean; finalPayment: string | null },
  ) =>
    letter(to, 'report_approved', tidy(`Your ${p.report} for ${p.reference ?? ''} is approved`), [
      `Dear ${to.name},`,
      '',
      `Thank you for your ${p.report} on ${project(p)}. We have approved it.`,
      ...(p.final
        ? [
            '',
            p.finalPayment
              ? `Your grant is now complete. We have asked for the final payment of ${p.finalPayment}, which our finance team will make to your group’s bank account.`
              : 'Your grant is now complete.',
          ]
        : []),
      '',
      `See the report: ${p.link}`,
      '',
      SIGN_OFF,
    ]),

  bidRejected: (to: Recipient, bid: BidRef & { feedback: string }) =>
    toGroup(
      to,
      'bid_rejected',
      `Your bid ${bid.reference ?? ''}: the panel’s decision`,
      [
        `Thank you for your bid ${project(bid)}. We are sorry to tell you that the panel has decided not to fund it.`,
        '',
        'The panel’s feedback:',
        bid.feedback,
        '',
        'The council’s free bid-writing support can help with future bids: email communitiesfund@peterborough.gov.uk.',
      ],
      bid.link,
    ),

  bidDeferred: (to: Recipient, bid: BidRef & { reason: string | null }) =>
    toGroup(
      to,
      'bid_deferred',
      `Your bid ${bid.reference ?? ''} will go to a later panel`,
      [
        `The panel has not yet decided on your bid ${project(bid)}. It will be looked at again at a later panel.`,
        ...(bid.reason ? ['', bid.reason] : []),
      ],
      bid.link,
    ),

  assessmentAssigned: (to: Recipient, p: { reference: string | null; title: string | null; link: string }) =>
    letter(to, 'assessment_assigned', tidy(`A bid to assess: ${p.reference ?? p.title ?? ''}`), [
      `Dear ${to.name},`,
      '',
      `You have been asked to assess the bid ${p.reference ?? ''} “${p.title ?? ''}”.`,
      '',
      'First tell us whether you have any conflict of interest with the group. Then you can read the bid and score it.',
      '',
      `Your bids to assess: ${p.link}`,
    ]),

  conflictDeclared: (
    to: Recipient,
    p: {
      assessorName: string;
      reference: string | null;
      title: string | null;
      alsoOff: string[];
      link: string;
    },
  ) =>
    letter(
      to,
      'conflict_declared',
      `Conflict of interest declared on ${p.reference ?? 'a bid'}: reassign it`,
      [
        `Dear ${to.name},`,
        '',
        `${p.assessorName} has declared a conflict of interest with the bid ${p.reference ?? ''} “${p.title ?? ''}” and has been taken off it.`,
        ...(p.alsoOff.length > 0
          ? [`The conflict is with the group, so they have also been taken off: ${p.alsoOff.join(', ')}.`]
          : []),
        '',
        `Please assign another assessor: ${p.link}`,
      ],
    ),

  /** To grants officers: an assessor asks for their submitted scores to be reopened. */
  reopenRequested: (
    to: Recipient,
    p: { assessorName: string; reference: string | null; title: string | null; reason: string; link: string },
  ) =>
    letter(
      to,
      'reopen_requested',
      tidy(`${p.assessorName} asks to change their scores on ${p.reference ?? 'a bid'}`),
      [
        `Dear ${to.name},`,
        '',
        `${p.assessorName} has asked you to reopen the scores they submitted for the bid ${p.reference ?? ''} ${quoted(p.title ?? '')}, so they can change them.`,
        '',
        'Their reason:',
        p.reason,
        '',
        `Reopen the scores or decline, on the fund’s assessment page: ${p.link}`,
      ],
    ),

  /** To the assessor: the officer reopened their scores, or declined and said why. */
  reopenAnswered: (
    to: Recipient,
    p: {
      reference: string | null;
      title: string | null;
      reopened: boolean;
      officerName: string;
      reason: string | null;
      link: string;
    },
  ) =>
    letter(
      to,
      'reopen_answered',
      tidy(
        p.reopened
          ? `Your scores on ${p.reference ?? 'a bid'} are reopened`
          : `Your scores on ${p.reference ?? 'a bid'} stay as they are`,
      ),
      [
        `Dear ${to.name},`,
        '',
        ...(p.reopened
          ? [
              `${p.officerName} has reopened your scores for the bid ${p.reference ?? ''} ${quoted(p.title ?? '')}, as you asked.`,
              'Change them, check them and submit them again:',
            ]
          : [
              `${p.officerName} has decided not to reopen your scores for the bid ${p.reference ?? ''} ${quoted(p.title ?? '')}.`,
              '',
              'Their reason:',
              p.reason ?? '',
              '',
              'See your scores:',
            ]),
        p.link,
        '',
        SIGN_OFF,
      ],
    ),
} as const;
