// The API's routes, one small app per resource. Its type is what the web client is typed by.
import { Hono } from 'hono';
import { withDatabase } from './db/client.ts';
import type { AppEnv } from './env.ts';
import { relayAfterWrites } from './notifications/after-writes.ts';
import { adminAuditRoutes } from './routes/admin/audit.ts';
import { adminAuthRoutes } from './routes/admin/auth.ts';
import { adminBloodStockRoutes } from './routes/admin/blood-stock.ts';
import { adminCampaignRoutes } from './routes/admin/campaigns.ts';
import { adminCampaignStatsRoutes } from './routes/admin/campaign-stats.ts';
import { checkInRoutes } from './routes/admin/check-ins.ts';
import { emergencyDonorRoutes } from './routes/admin/emergency-donors.ts';
import { adminCampaignGroupRoutes, adminGroupRoutes } from './routes/admin/groups.ts';
import { adminNotificationRoutes } from './routes/admin/notifications.ts';
import { adminRegistrationRoutes } from './routes/admin/registrations.ts';
import { adminRosterRoutes } from './routes/admin/roster.ts';
import { adminQuizRoutes } from './routes/admin/quiz.ts';
import { adminQuizFinalRoutes } from './routes/admin/quiz-finals.ts';
import { organizationRoutes } from './routes/admin/organizations.ts';
import { adminSessionRoutes } from './routes/admin/sessions.ts';
import { adminSlotRoutes } from './routes/admin/slots.ts';
import { staffRoutes } from './routes/admin/staff.ts';
import { authRoutes } from './routes/auth.ts';
import { bloodStockRoutes } from './routes/blood-stock.ts';
import { campaignRoutes } from './routes/campaigns.ts';
import { certificateRoutes } from './routes/certificates.ts';
import { configRoutes } from './routes/config.ts';
import { donorCardRoutes } from './routes/donor-cards.ts';
import { groupRoutes } from './routes/groups.ts';
import { healthRoutes } from './routes/health.ts';
import { meRoutes } from './routes/me.ts';
import { quizRoutes } from './routes/quiz.ts';
import { finalistRoutes, quizFinalRoutes } from './routes/quiz-finals.ts';
import { quizReviewRoutes } from './routes/quiz-review.ts';
import { registrationRoutes } from './routes/registrations.ts';
import { signUpRoutes } from './routes/sign-ups.ts';

export const api = new Hono<AppEnv>()
  .use(withDatabase)
  // Organizer writes may queue notifications for many people: hand them over at once.
  .use('/admin/*', relayAfterWrites)
  .route('/health', healthRoutes)
  .route('/config', configRoutes)
  .route('/auth', authRoutes)
  .route('/me', meRoutes)
  .route('/campaigns', campaignRoutes)
  .route('/slots', signUpRoutes)
  .route('/groups', groupRoutes)
  .route('/registrations', registrationRoutes)
  .route('/quiz', quizRoutes)
  .route('/quiz/finals', quizFinalRoutes)
  .route('/quiz/finalists', finalistRoutes)
  .route('/certificates', certificateRoutes)
  .route('/quiz', quizReviewRoutes)
  .route('/donor-cards', donorCardRoutes)
  .route('/blood-stock', bloodStockRoutes)
  .route('/admin/auth', adminAuthRoutes)
  .route('/admin/organizations', organizationRoutes)
  .route('/admin/staff', staffRoutes)
  .route('/admin/campaigns', adminCampaignRoutes)
  .route('/admin/campaigns', adminRosterRoutes)
  .route('/admin/campaigns', adminCampaignStatsRoutes)
  .route('/admin/sessions', adminSessionRoutes)
  .route('/admin/campaigns', adminCampaignGroupRoutes)
  .route('/admin/groups', adminGroupRoutes)
  .route('/admin/slots', adminSlotRoutes)
  .route('/admin/checkins', checkInRoutes)
  .route('/admin/registrations', adminRegistrationRoutes)
  .route('/admin/quiz', adminQuizRoutes)
  .route('/admin/quiz', adminQuizFinalRoutes)
  .route('/admin/audit', adminAuditRoutes)
  .route('/admin/notifications', adminNotificationRoutes)
  .route('/admin/blood-stock', adminBloodStockRoutes)
  .route('/admin', emergencyDonorRoutes);

export type AppType = typeof api;
