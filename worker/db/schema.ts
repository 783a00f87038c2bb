// The D1 schema. drizzle-kit generates migrations/ from this file; wrangler applies them.
import { sql } from 'drizzle-orm';
import type { Question } from '../domain/questions.ts';
import { check, index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

const createdAt = () =>
  integer('created_at', { mode: 'timestamp_ms' }).notNull().default(sql`(cast(unixepoch('subsec') * 1000 as integer))`);

export const organizations = sqliteTable(
  'organizations',
  {
    id: text('id').primaryKey(),
    name: text('name').notNull(),
    kind: text('kind', {
      enum: ['blood_centre', 'cdc', 'hospital', 'health_centre', 'school', 'community', 'other'],
    })
      .notNull()
      .default('other'),
    /** The China hour (0–23) at which its reminders for tomorrow's sessions go out. */
    reminderHour: integer('reminder_hour').notNull().default(18),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('organizations_name_unique').on(t.name)],
);

export const staff = sqliteTable(
  'staff',
  {
    id: text('id').primaryKey(),
    // Stored lower-cased so that sign-in is case-insensitive and unique.
    email: text('email').notNull(),
    passwordHash: text('password_hash').notNull(),
    role: text('role', { enum: ['admin', 'organizer', 'checkin'] }).notNull(),
    organizationId: text('organization_id').references(() => organizations.id),
    /** A deactivated account keeps its history (audit entries name it) but cannot sign in. */
    active: integer('active', { mode: 'boolean' }).notNull().default(true),
    lastSignInAt: integer('last_sign_in_at', { mode: 'timestamp_ms' }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('staff_email_unique').on(t.email),
    check('staff_role_has_organization', sql`${t.role} = 'admin' OR ${t.organizationId} IS NOT NULL`),
  ],
);

/** A citizen, identified by a mainland mobile number. */
export const people = sqliteTable(
  'people',
  {
    id: text('id').primaryKey(),
    phone: text('phone').notNull(),
    name: text('name'),
    gender: text('gender', { enum: ['male', 'female'] }),
    /**
     * With the gender and the city, a birth date in plain text leaves an ID number a few thousand
     * guesses (domain/id-number.ts): it is kept encrypted, and only its year in plain.
     */
    birthDateEncrypted: text('birth_date_encrypted'),
    birthYear: integer('birth_year'),
    bloodType: text('blood_type', { enum: ['A', 'B', 'O', 'AB'] }),
    /** RhD: Rh-negative ("熊猫血") donors are the classic emergency call-out. Null when not known. */
    rhD: text('rh_d', { enum: ['positive', 'negative'] }),
    district: text('district'),
    emergencyDonor: integer('emergency_donor', { mode: 'boolean' }).notNull().default(false),
    /** The language of the texts Lifeline sends them: the app's language when they last signed in. */
    language: text('language', { enum: ['zh-CN', 'en'] })
      .notNull()
      .default('zh-CN'),
    /** Reminders the day before; confirmations and promotions go regardless. */
    reminders: integer('reminders', { mode: 'boolean' }).notNull().default(true),
    /** The daily quiz nudge, off unless asked for. */
    quizNudges: integer('quiz_nudges', { mode: 'boolean' }).notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('people_phone_unique').on(t.phone),
    index('people_emergency_donors').on(t.bloodType, t.district).where(sql`${t.emergencyDonor} = 1`),
  ],
);

export const campaigns = sqliteTable(
  'campaigns',
  {
    id: text('id').primaryKey(),
    organizationId: text('organization_id')
      .notNull()
      .references(() => organizations.id),
    kind: text('kind', { enum: ['blood_drive', 'outreach', 'cpr_training', 'quiz'] }).notNull(),
    title: text('title').notNull(),
    summary: text('summary').notNull().default(''),
    description: text('description').notNull().default(''),
    startsOn: text('starts_on').notNull(),
    endsOn: text('ends_on').notNull(),
    status: text('status', { enum: ['draft', 'published', 'closed'] })
      .notNull()
      .default('draft'),
    eligibility: text('eligibility', { mode: 'json' }).$type<Record<string, unknown>>(),
    questions: text('questions', { mode: 'json' }).$type<Question[]>().notNull().default(sql`'[]'`),
    /**
     * The organizer's choice: confirmed registrations nobody checked in become no-shows once the session
     * ends (nightly cron).
     */
    autoNoShow: integer('auto_no_show', { mode: 'boolean' }).notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [
    index('campaigns_public_list').on(t.status, t.kind, t.startsOn),
    index('campaigns_by_organization').on(t.organizationId),
  ],
);

/** One date, time and place of a campaign. */
export const sessions = sqliteTable(
  'sessions',
  {
    id: text('id').primaryKey(),
    campaignId: text('campaign_id')
      .notNull()
      .references(() => campaigns.id),
    startsAt: integer('starts_at', { mode: 'timestamp_ms' }).notNull(),
    endsAt: integer('ends_at', { mode: 'timestamp_ms' }).notNull(),
    venue: text('venue').notNull(),
    address: text('address').notNull(),
    /** Set when the organizer cancels the session: it leaves the public page and takes no sign-ups. */
    cancelledAt: integer('cancelled_at', { mode: 'timestamp_ms' }),
    /** Appointment windows of this length split the session (domain/windows.ts); null: one time for all. */
    windowMinutes: integer('window_minutes'),
    createdAt: createdAt(),
  },
  (t) => [index('sessions_by_campaign').on(t.campaignId, t.startsAt)],
);

/** A role with a capacity at a session, e.g. "donor" ×200. */
export const slots = sqliteTable(
  'slots',
  {
    id: text('id').primaryKey(),
    sessionId: text('session_id')
      .notNull()
      .references(() => sessions.id),
    role: text('role').notNull(),
    capacity: integer('capacity').notNull(),
    waitlist: integer('waitlist', { mode: 'boolean' }).notNull().default(false),
    /** Order within the session, as the organizer listed the slots. */
    sortOrder: integer('sort_order').notNull().default(0),
    createdAt: createdAt(),
  },
  (t) => [index('slots_by_session').on(t.sessionId), check('slots_capacity_not_negative', sql`${t.capacity} >= 0`)],
);

/** A registration: one person in one slot. Seats taken = confirmed + checked_in; the queue follows `arrival`. */
export const registrations = sqliteTable(
  'registrations',
  {
    id: text('id').primaryKey(),
    slotId: text('slot_id')
      .notNull()
      .references(() => slots.id),
    personId: text('person_id')
      .notNull()
      .references(() => people.id),
    code: text('code').notNull(),
    status: text('status', {
      enum: ['confirmed', 'waitlisted', 'cancelled', 'checked_in', 'no_show'],
    }).notNull(),
    /** The name given for this registration. */
    name: text('name').notNull().default(''),
    /** Answers to the campaign's own questions, by question key. */
    answers: text('answers', { mode: 'json' })
      .$type<Record<string, string | number | boolean>>()
      .notNull()
      .default(sql`'{}'`),
    /** AES-GCM ciphertext (lib/crypto.ts); only blood drives collect ID numbers. */
    idNumberEncrypted: text('id_number_encrypted'),
    /** The group whose held seat this registration took, if any. */
    groupId: text('group_id').references(() => registrationGroups.id),
    /** The appointment window (0 = the session's first) when the session has windows; null otherwise. */
    windowIndex: integer('window_index'),
    /** Order of arrival within the slot (1, 2, …): the waiting list's order, with no ties. */
    arrival: integer('arrival').notNull().default(0),
    createdAt: createdAt(),
    cancelledAt: integer('cancelled_at', { mode: 'timestamp_ms' }),
    checkedInAt: integer('checked_in_at', { mode: 'timestamp_ms' }),
    /** A volunteer checked out by the desk: from check-in to here are their service hours. */
    checkedOutAt: integer('checked_out_at', { mode: 'timestamp_ms' }),
  },
  (t) => [
    uniqueIndex('registrations_code_unique').on(t.code),
    // At most one active registration per person and slot.
    uniqueIndex('registrations_one_active_per_person')
      .on(t.slotId, t.personId)
      .where(sql`${t.status} IN ('confirmed', 'waitlisted', 'checked_in')`),
    uniqueIndex('registrations_arrival_in_slot').on(t.slotId, t.arrival),
    index('registrations_by_slot_status').on(t.slotId, t.status, t.arrival),
    index('registrations_by_person').on(t.personId, t.createdAt),
    index('registrations_by_group').on(t.groupId),
  ],
);

/**
 * A group (团体献血; a "team" to users): seats of a slot held for a company's people. Nobody is
 * booked by it: each member claims a seat by signing up (registrations.group_id). While `open`, the
 * seats no member holds count as taken for everyone else (db/seats.ts); at `joinUntil` the
 * housekeeping closes the group and its unclaimed seats return to the slot.
 */
export const registrationGroups = sqliteTable(
  'registration_groups',
  {
    id: text('id').primaryKey(),
    code: text('code').notNull(),
    slotId: text('slot_id')
      .notNull()
      .references(() => slots.id),
    /**
     * The signed-in citizen who holds the seats for the group (organizers may change the hold).
     * Null when organizers held them: the group's name is all that is kept, and they pass the
     * invitation on themselves, so nobody's name or phone is stored on their word.
     */
    contactPersonId: text('contact_person_id').references(() => people.id),
    organization: text('organization').notNull(),
    /** The contact's own name and phone: their word about themselves, nobody else's (null with no contact). */
    contactName: text('contact_name'),
    contactPhone: text('contact_phone'),
    seats: integer('seats').notNull().default(0),
    joinUntil: integer('join_until', { mode: 'timestamp_ms' }).notNull().default(sql`0`),
    // Groups are created `open`; the default is for the groups from before seats were held, which
    // booked their members from a list and take no one new.
    status: text('status', { enum: ['open', 'closed'] })
      .notNull()
      .default('closed'),
    closedAt: integer('closed_at', { mode: 'timestamp_ms' }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('registration_groups_code_unique').on(t.code),
    index('registration_groups_by_slot').on(t.slotId),
    index('registration_groups_due').on(t.joinUntil).where(sql`${t.status} = 'open'`),
    // One open group per contact and slot: a retried request cannot hold the seats twice.
    uniqueIndex('registration_groups_one_open_per_contact')
      .on(t.slotId, t.contactPersonId)
      .where(sql`${t.status} = 'open'`),
    index('registration_groups_open_by_contact').on(t.contactPersonId).where(sql`${t.status} = 'open'`),
    // One open organizers' group of a name per slot: a retried hold cannot hold the seats twice.
    uniqueIndex('registration_groups_one_open_per_name')
      .on(t.slotId, t.organization)
      .where(sql`${t.status} = 'open' AND ${t.contactPersonId} IS NULL`),
  ],
);

/** A donation given, recorded by the desk after the collection; the donor interval rules read it. */
export const donations = sqliteTable(
  'donations',
  {
    id: text('id').primaryKey(),
    personId: text('person_id')
      .notNull()
      .references(() => people.id),
    day: text('day').notNull(),
    kind: text('kind', { enum: ['whole_blood', 'platelets'] }).notNull(),
    /**
     * Whole blood: 200, 300 or 400 mL (GB 18467); null for platelets and for donations recorded
     * before volumes were.
     */
    volumeMl: integer('volume_ml'),
    adverseReaction: integer('adverse_reaction', { mode: 'boolean' }).notNull().default(false),
    registrationId: text('registration_id').references(() => registrations.id),
    createdAt: createdAt(),
  },
  (t) => [
    // One donation a person a day, whatever desk records it; it also serves the donor's history.
    uniqueIndex('donations_one_per_day').on(t.personId, t.day),
    uniqueIndex('donations_one_per_registration').on(t.registrationId),
  ],
);

/** The first answer to a request sent with an Idempotency-Key, replayed to retries. */
export const idempotentResponses = sqliteTable(
  'idempotent_responses',
  {
    personId: text('person_id')
      .notNull()
      .references(() => people.id),
    key: text('key').notNull(),
    /** What the key was used for, e.g. `POST /api/slots/:id/registrations`; reuse elsewhere is refused. */
    scope: text('scope').notNull(),
    status: integer('status').notNull(),
    body: text('body').notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.personId, t.key] })],
);

/** A login: a signed-in browser, holding a random token whose SHA-256 is the key. */
export const logins = sqliteTable(
  'logins',
  {
    tokenHash: text('token_hash').primaryKey(),
    personId: text('person_id').references(() => people.id),
    staffId: text('staff_id').references(() => staff.id),
    createdAt: createdAt(),
    expiresAt: integer('expires_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [
    check('logins_one_subject', sql`(${t.personId} IS NULL) <> (${t.staffId} IS NULL)`),
    index('logins_by_person').on(t.personId),
    index('logins_by_staff').on(t.staffId),
  ],
);

/** An SMS sign-in code, stored as a hash. */
export const otpCodes = sqliteTable(
  'otp_codes',
  {
    id: text('id').primaryKey(),
    phone: text('phone').notNull(),
    codeHash: text('code_hash').notNull(),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
    expiresAt: integer('expires_at', { mode: 'timestamp_ms' }).notNull(),
    failedAttempts: integer('failed_attempts').notNull().default(0),
    usedAt: integer('used_at', { mode: 'timestamp_ms' }),
  },
  (t) => [index('otp_codes_by_phone').on(t.phone, t.createdAt)],
);

/** Fixed-window counters for abuse limits; the key is a hash, never a raw IP or phone. */
export const rateLimits = sqliteTable(
  'rate_limits',
  {
    key: text('key').notNull(),
    windowStart: integer('window_start').notNull(),
    count: integer('count').notNull(),
  },
  (t) => [uniqueIndex('rate_limits_key_window').on(t.key, t.windowStart)],
);

/** A season of the "Health Expert" quiz: the daily challenge's rules for one quiz campaign. */
export const quizSeasons = sqliteTable(
  'quiz_seasons',
  {
    id: text('id').primaryKey(),
    campaignId: text('campaign_id')
      .notNull()
      .references(() => campaigns.id),
    startsOn: text('starts_on').notNull(),
    endsOn: text('ends_on').notNull(),
    questionsPerDay: integer('questions_per_day').notNull(),
    timeLimitSec: integer('time_limit_sec').notNull(),
    pointsPerCorrect: integer('points_per_correct').notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('quiz_seasons_one_per_campaign').on(t.campaignId)],
);

export interface QuizOption {
  id: string;
  text: string;
}

/**
 * A question of a season's bank. Option ids belong to the question; the answer key never leaves
 * the Worker before a submit.
 */
export const quizQuestions = sqliteTable(
  'quiz_questions',
  {
    id: text('id').primaryKey(),
    seasonId: text('season_id')
      .notNull()
      .references(() => quizSeasons.id),
    type: text('type', { enum: ['single', 'multiple', 'truefalse'] }).notNull(),
    stem: text('stem').notNull(),
    options: text('options', { mode: 'json' }).$type<QuizOption[]>().notNull(),
    answerIds: text('answer_ids', { mode: 'json' }).$type<string[]>().notNull(),
    explanation: text('explanation').notNull().default(''),
    category: text('category').notNull().default(''),
    createdAt: createdAt(),
  },
  (t) => [
    // A file imported twice must not double the bank.
    uniqueIndex('quiz_questions_stem_unique').on(t.seasonId, t.stem),
    // Covers the draw, which reads only ids and categories.
    index('quiz_questions_bank').on(t.seasonId, t.id, t.category),
  ],
);

/** One player's challenge of one China day; the UNIQUE index allows one a day. */
export const quizAttempts = sqliteTable(
  'quiz_attempts',
  {
    id: text('id').primaryKey(),
    seasonId: text('season_id')
      .notNull()
      .references(() => quizSeasons.id),
    personId: text('person_id')
      .notNull()
      .references(() => people.id),
    day: text('day').notNull(),
    questionIds: text('question_ids', { mode: 'json' }).$type<string[]>().notNull(),
    startedAt: integer('started_at', { mode: 'timestamp_ms' }).notNull(),
    deadline: integer('deadline', { mode: 'timestamp_ms' }).notNull(),
    /**
     * Random and never shown: the option ids a player sees are digests of it and the option's own
     * id (domain/quiz-option-ids.ts), so two players' ids for the same option differ.
     */
    optionKey: text('option_key').notNull().default(''),
    /** Answers kept as they are chosen, by question id (the options' own ids), while the attempt is open. */
    savedAnswers: text('saved_answers', { mode: 'json' }).$type<Record<string, string[]>>(),
    submittedAt: integer('submitted_at', { mode: 'timestamp_ms' }),
    /** The answers that counted (the options' own ids). */
    answers: text('answers', { mode: 'json' }).$type<{ questionId: string; optionIds: string[] }[]>(),
    score: integer('score'),
    correct: integer('correct'),
    /** The time that counts: to the submit, at most to the deadline. */
    durationMs: integer('duration_ms'),
    /** Submitted after the deadline (or by the housekeeping): only the answers saved by then counted. */
    late: integer('late', { mode: 'boolean' }).notNull().default(false),
    /** The player's district for the season, copied at submit for the district day boards. */
    district: text('district'),
    /** The player's place on the season board right after this attempt counted: their rank over time. */
    seasonRank: integer('season_rank'),
  },
  (t) => [
    uniqueIndex('quiz_attempts_one_a_day').on(t.seasonId, t.personId, t.day),
    // Attempts nobody has submitted yet, for the housekeeping that scores them after their deadline.
    // A submit leaves it: one more row written per submit. Attempts started before answers were
    // saved (no option key) stay out: they were never scored unsubmitted, and are not now.
    index('quiz_attempts_open').on(t.deadline).where(sql`${t.submittedAt} IS NULL AND ${t.optionKey} <> ''`),
    // Only submitted attempts, so a start writes no entry. It covers the district day boards too
    // (district is its last column, read from the entry): a second index for them would cost
    // every submit one more row written.
    index('quiz_attempts_day_board')
      .on(t.seasonId, t.day, sql`${t.score} DESC`, t.durationMs, t.submittedAt, t.personId, t.district)
      .where(sql`${t.submittedAt} IS NOT NULL`),
  ],
);

/**
 * A player's running totals in a season, updated in the submit's batch: the season boards read
 * this table through its indexes, never a GROUP BY over attempts. Name and district are copied
 * at the first submit and stay fixed for the season.
 */
export const quizPlayers = sqliteTable(
  'quiz_players',
  {
    seasonId: text('season_id')
      .notNull()
      .references(() => quizSeasons.id),
    personId: text('person_id')
      .notNull()
      .references(() => people.id),
    name: text('name').notNull(),
    district: text('district').notNull(),
    score: integer('score').notNull(),
    /** Time used by the attempts that counted, in milliseconds. */
    timeMs: integer('time_ms').notNull(),
    daysPlayed: integer('days_played').notNull(),
    /** When the player reached this total: the last tie-break. */
    finishedAt: integer('finished_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.seasonId, t.personId] }),
    index('quiz_players_board').on(t.seasonId, sql`${t.score} DESC`, t.timeMs, t.finishedAt, t.personId),
    index('quiz_players_district_board').on(
      t.seasonId,
      t.district,
      sql`${t.score} DESC`,
      t.timeMs,
      t.finishedAt,
      t.personId,
    ),
  ],
);

/**
 * Where players' season totals moved from, one row per total left (-1 for a first submit, which
 * comes from off the board): a submit that changes a player's totals writes only the row of the
 * total it leaves, and a rank reads only the rows of the totals a day's points can reach it from
 * (db/quiz-ranks.ts).
 */
export const quizMoves = sqliteTable(
  'quiz_moves',
  {
    seasonId: text('season_id')
      .notNull()
      .references(() => quizSeasons.id),
    fromScore: integer('from_score').notNull(),
    /** JSON object: for j = 1, 2, …, how many moves from here gained at least j × pointsPerCorrect (from 0 for -1). */
    jumps: text('jumps').notNull(),
    /**
     * JSON object: for each total moved to (this one too, for days without points), a Fenwick tree
     * over the whole second of the movers' new time.
     */
    arrivals: text('arrivals').notNull(),
    /** Fenwick tree over the whole second of the movers' old time; empty for -1. */
    departures: text('departures').notNull(),
  },
  (t) => [primaryKey({ columns: [t.seasonId, t.fromScore] })],
);

/**
 * Who did what to whose data: staff sign-ins, exports, check-ins, campaign and staff changes.
 * Written in the same batch as the change where there is one. Never holds a phone or ID number.
 */
export const auditLog = sqliteTable(
  'audit_log',
  {
    id: text('id').primaryKey(),
    /** Milliseconds; with the id it orders the log and is its cursor. */
    at: integer('at', { mode: 'timestamp_ms' }).notNull(),
    /** The staff member who acted; null for a failed sign-in to an unknown address. */
    staffId: text('staff_id').references(() => staff.id),
    /** The organization whose data was touched, when there is one. */
    organizationId: text('organization_id').references(() => organizations.id),
    /** The campaign whose data was touched, when there is one: the log's campaign filter. */
    campaignId: text('campaign_id').references(() => campaigns.id),
    /** e.g. `staff.sign_in`, `registrations.export`, `registration.check_in`, `campaign.update`. */
    action: text('action').notNull(),
    /** What was acted on: `campaign`, `registration`, `season`, `staff`, … */
    targetType: text('target_type'),
    targetId: text('target_id'),
    /** Small facts about the action (format, rows, fields changed): never personal data. */
    detail: text('detail', { mode: 'json' })
      .$type<Record<string, string | number | boolean | null>>()
      .notNull()
      .default(sql`'{}'`),
  },
  (t) => [
    index('audit_log_by_time').on(sql`${t.at} DESC`, sql`${t.id} DESC`),
    index('audit_log_by_organization').on(t.organizationId, sql`${t.at} DESC`, sql`${t.id} DESC`),
    index('audit_log_by_campaign').on(t.campaignId, sql`${t.at} DESC`, sql`${t.id} DESC`),
    index('audit_log_by_staff').on(t.staffId, sql`${t.at} DESC`, sql`${t.id} DESC`),
  ],
);

/**
 * The outbox: every notification (text) to a person is a row written in the same batch as the change that
 * causes it (worker/db/notifications.ts), then handed to the notifications queue and sent by its
 * consumer. `dedupeKey` makes each cause yield at most one message.
 */
export const notifications = sqliteTable(
  'notifications',
  {
    id: text('id').primaryKey(),
    personId: text('person_id')
      .notNull()
      .references(() => people.id),
    kind: text('kind', {
      enum: [
        'confirmed',
        'promoted',
        'session_changed',
        'session_cancelled',
        'registration_cancelled',
        'reminder',
        'quiz_nudge',
        'callout',
      ],
    }).notNull(),
    /** The organization on whose behalf it is sent: its organizers see the message's state. */
    organizationId: text('organization_id').references(() => organizations.id),
    registrationId: text('registration_id').references(() => registrations.id),
    calloutId: text('callout_id').references(() => callouts.id),
    dedupeKey: text('dedupe_key').notNull(),
    /** `skipped`: no longer wanted when its time came (opted out, or the registration was cancelled). */
    status: text('status', { enum: ['queued', 'sending', 'sent', 'skipped', 'failed'] })
      .notNull()
      .default('queued'),
    attempts: integer('attempts').notNull().default(0),
    /** The error's class, never its text (which could quote a phone number). */
    lastError: text('last_error'),
    createdAt: createdAt(),
    /** When the relay put it on the queue; null until then, so the relay finds it. */
    handedAt: integer('handed_at', { mode: 'timestamp_ms' }),
    /** When a consumer claimed it for sending: a claim older than the lease may be taken over. */
    claimedAt: integer('claimed_at', { mode: 'timestamp_ms' }),
    sentAt: integer('sent_at', { mode: 'timestamp_ms' }),
  },
  (t) => [
    uniqueIndex('notifications_dedupe').on(t.dedupeKey),
    index('notifications_queued').on(t.handedAt, t.createdAt).where(sql`${t.status} = 'queued'`),
    index('notifications_by_organization').on(t.organizationId, sql`${t.createdAt} DESC`, sql`${t.id} DESC`),
    // The weekly call-out cap looks a donor's call-outs up; other notifications need no entry here.
    index('notifications_callouts_by_person').on(t.personId, t.createdAt).where(sql`${t.kind} = 'callout'`),
  ],
);

/** An emergency call-out: an organizer's message to willing donors of a blood type (and district). */
export const callouts = sqliteTable(
  'callouts',
  {
    id: text('id').primaryKey(),
    organizationId: text('organization_id').references(() => organizations.id),
    staffId: text('staff_id')
      .notNull()
      .references(() => staff.id),
    bloodType: text('blood_type', { enum: ['A', 'B', 'O', 'AB'] }).notNull(),
    /** Null: donors of either RhD (and those who do not know theirs). */
    rhD: text('rh_d', { enum: ['positive', 'negative'] }),
    district: text('district'),
    message: text('message').notNull(),
    recipients: integer('recipients').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('callouts_by_organization').on(t.organizationId, t.createdAt)],
);

/**
 * The live final of a quiz season: one per season. The game itself (questions, answers, who is
 * connected) lives in its Durable Object (worker/quiz-final/); D1 keeps who was invited and, once
 * the host ends it, the results.
 */
export const quizFinals = sqliteTable(
  'quiz_finals',
  {
    id: text('id').primaryKey(),
    seasonId: text('season_id')
      .notNull()
      .references(() => quizSeasons.id),
    title: text('title').notNull(),
    questionCount: integer('question_count').notNull(),
    timeLimitSec: integer('time_limit_sec').notNull(),
    createdAt: createdAt(),
    endedAt: integer('ended_at', { mode: 'timestamp_ms' }),
  },
  (t) => [uniqueIndex('quiz_finals_one_per_season').on(t.seasonId)],
);

/** A finalist invited to a final, with the personal link's token and, after the final, the result. */
export const quizFinalists = sqliteTable(
  'quiz_finalists',
  {
    id: text('id').primaryKey(),
    finalId: text('final_id')
      .notNull()
      .references(() => quizFinals.id),
    personId: text('person_id')
      .notNull()
      .references(() => people.id),
    /** The place on the season board that earned the invitation. */
    seed: integer('seed').notNull(),
    name: text('name').notNull(),
    district: text('district').notNull(),
    /** The secret of the finalist's personal link (random, carries nothing about the person). */
    token: text('token').notNull(),
    points: integer('points'),
    rank: integer('rank'),
    prize: text('prize', { enum: ['first', 'second', 'third'] }),
    /** The certificate's verification code, given when the final ends. */
    certificateCode: text('certificate_code'),
  },
  (t) => [
    uniqueIndex('quiz_finalists_once_per_final').on(t.finalId, t.personId),
    uniqueIndex('quiz_finalists_token').on(t.token),
    uniqueIndex('quiz_finalists_certificate').on(t.certificateCode),
  ],
);

/**
 * The electronic donor card's short-lived QR token (a random secret; D1 keeps its SHA-256): a
 * screenshot stops working within minutes. Expired rows go with the hourly housekeeping.
 */
export const donorCards = sqliteTable(
  'donor_cards',
  {
    tokenHash: text('token_hash').primaryKey(),
    personId: text('person_id')
      .notNull()
      .references(() => people.id),
    expiresAt: integer('expires_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [index('donor_cards_by_expiry').on(t.expiresAt)],
);

/** The blood centre's stock by type (血液库存预警): one row per ABO type and RhD, set by its staff. */
export const bloodStock = sqliteTable(
  'blood_stock',
  {
    bloodType: text('blood_type', { enum: ['A', 'B', 'O', 'AB'] }).notNull(),
    rhD: text('rh_d', { enum: ['positive', 'negative'] }).notNull(),
    level: text('level', { enum: ['critical', 'low', 'normal', 'full'] }).notNull(),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
    updatedBy: text('updated_by').references(() => staff.id),
  },
  (t) => [primaryKey({ columns: [t.bloodType, t.rhD] })],
);
