import type { privacyFr } from './privacy.fr';

/** Personal data: English, fetched when chosen; the French keys exactly (checked by the compiler). */
const privacyEn: Record<keyof typeof privacyFr, string> = {
  'privacy.title': 'Your data and privacy',
  'privacy.lead':
    'The Atelier des transitions is the platform of the alliance run by La Fabrique des transitions. This page says what we keep about you, why, for how long, and what you can do about it.',
  'privacy.kept.heading': 'What we keep, and why',
  'privacy.kept.account':
    'Your account: email address, display name, encrypted password (never readable), language, and what you choose to add (organisation, territory, themes, bio, picture). To sign you in and so that members know who speaks.',
  'privacy.kept.content':
    'What you write and share: posts and their earlier versions, reactions, documents, files, links, questions and votes at the drop-ins. To keep the spaces alive; kept until you or the facilitators delete it.',
  'privacy.kept.events':
    'Your event registrations and your attendance at drop-ins: to hold your seat, remind you of the event and issue an attestation.',
  'privacy.kept.directory': 'The directory shows only people who chose to be listed, and only to signed-in members.',
  'privacy.durations.heading': 'For how long',
  'privacy.durations.sessions':
    'Sign-ins: a session ends after 14 days without a visit and after 60 days at most, then it is deleted.',
  'privacy.durations.links':
    'Sign-in and new-password links sent by email: deleted once used or expired (15 minutes or one hour).',
  'privacy.durations.mail':
    'Emails sent: their copy is deleted after 30 days (90 days for those that could not be delivered, to understand why).',
  'privacy.durations.live':
    'Live events (new posts, seats freed): kept 3 days so that a page that reconnects catches up on what it missed.',
  'privacy.durations.exports': 'Copies of your data: deleted 48 hours after they are prepared.',
  'privacy.durations.audit':
    'The administration log keeps who changed a role, removed a member, took a moderation decision, exported or erased an account. It is never modified and only administrators read it.',
  'privacy.readers.heading': 'Who can read your posts',
  'privacy.readers.public': 'In a public space: everyone, even without an account.',
  'privacy.readers.members': 'In a members-only or private space: its members and the platform’s administrators.',
  'privacy.readers.direct':
    'Private messages (the “Messages” section): only the people in the conversation read them. The platform’s administrators do not see them. If you report a message, that message alone is shown to the administrators so that they can decide; the emails that tell you of messages do not copy them. Like all data, they are stored in the Atelier’s database, kept by its host.',
  'privacy.readers.mailbox':
    'Emails leave through the alliance’s mail server. On a development installation they do not leave: they stay in a test mailbox that developers can see.',
  'privacy.rights.heading': 'Your rights',
  'privacy.rights.export':
    'Download your data: from your profile, section “My data”. A ZIP file is prepared and a link is emailed to you; it works for 48 hours.',
  'privacy.rights.erase':
    'Delete your account: from your profile. Your account, registrations, sign-ins and subscriptions are erased; your posts stay signed “former member”, or are deleted if you ask. Only the administration log keeps your name, with the date of the deletion.',
  'privacy.rights.profile': 'Go to my profile',
  'privacy.rights.contact':
    'For any question, or to exercise your other rights (rectification, objection), write to La Fabrique des transitions.',

  'myData.heading': 'My data',
  'myData.lead': 'A copy of everything the Atelier keeps about you, or the deletion of your account.',
  'myData.privacyLink': 'What we keep and why',
  'myData.export': 'Download my data',
  'myData.exporting': 'Requesting…',
  'myData.exportRequested':
    'Requested. You will receive an email with a link to download your data; it will work for 48 hours.',
  'myData.erase': 'Delete my account',
  'myData.erase.title': 'Delete your account?',
  'myData.erase.description':
    'Your account, event registrations, sign-ins and subscriptions will be erased. This cannot be undone. Your posts will stay signed “former member”, unless you tick the box below.',
  'myData.erase.confirmLabel': 'To confirm, type SUPPRIMER',
  'myData.erase.confirmError': 'Type SUPPRIMER in capitals to confirm.',
  'myData.erase.deletePosts': 'Delete my posts too',
  'myData.erase.confirm': 'Delete for good',
  'myData.erase.busy': 'Deleting…',
  'myData.erased': 'Your account is deleted. Thank you for taking part in the Atelier des transitions.',

  'audit.title': 'Administration log',
  'audit.lead': 'Who did what, to whom and when: roles, removals, moderation, exports and account deletions.',
  'audit.caption': 'Actions, newest first',
  'audit.when': 'Date',
  'audit.who': 'By',
  'audit.what': 'Action',
  'audit.whom': 'About',
  'audit.details': 'Details',
  'audit.more': 'Show more',
  'audit.loadingMore': 'Loading…',
  'audit.empty': 'No action recorded yet.',
  'audit.error': 'The log could not be loaded. Check your connection and try again.',
  'audit.forbidden': 'This log is for administrators only.',
  'audit.action.role_change': 'Role change',
  'audit.action.member_removal': 'Member removed',
  'audit.action.export': 'Data export',
  'audit.action.erasure': 'Account deleted',
  'audit.action.moderation': 'Moderation decision',
  'audit.action.moderation_keep': 'Moderation: content kept',
  'audit.action.moderation_hide': 'Moderation: content hidden',
  'audit.action.moderation_delete': 'Moderation: content deleted',
  'audit.role': '{from} → {to}',
  'audit.role.membre': 'member',
  'audit.role.animateur': 'facilitator',
  'audit.space': 'Space “{space}”',
  'audit.deletePosts': 'Posts deleted',
  'audit.keptPosts': 'Posts kept',
};

export default privacyEn;
