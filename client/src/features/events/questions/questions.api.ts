import {
  AttendanceListSchema,
  AttendedEventsSchema,
  EventEnvelopeSchema,
  type Question,
  QuestionEnvelopeSchema,
  QuestionListSchema,
  type QuestionStatus,
  SpaceListSchema,
  ThreadDetailSchema,
} from '@atelier/contract';
import { api } from '../../../lib/api';

/** The questions, attendance and compte rendu calls of the events contract, checked by its schemas. */

const id = encodeURIComponent;

export const questionsApi = {
  list: async (eventId: string): Promise<Question[]> =>
    (await api.get(`/api/events/${id(eventId)}/questions`, QuestionListSchema)).items,
  ask: async (eventId: string, body: string): Promise<Question> =>
    (await api.post(`/api/events/${id(eventId)}/questions`, { body }, QuestionEnvelopeSchema)).question,
  vote: async (questionId: string): Promise<Question> =>
    (await api.post(`/api/questions/${id(questionId)}/vote`, undefined, QuestionEnvelopeSchema)).question,
  withdrawVote: async (questionId: string): Promise<Question> =>
    (await api.delete(`/api/questions/${id(questionId)}/vote`, QuestionEnvelopeSchema)).question,
  setStatus: async (questionId: string, status: QuestionStatus, transmittedToSpaceId?: string): Promise<Question> =>
    (
      await api.patch(
        `/api/questions/${id(questionId)}`,
        transmittedToSpaceId ? { status, transmittedToSpaceId } : { status },
        QuestionEnvelopeSchema,
      )
    ).question,

  attendance: async (eventId: string) =>
    (await api.get(`/api/events/${id(eventId)}/attendance`, AttendanceListSchema)).items,
  setAttended: (eventId: string, userId: string, attended: boolean) =>
    api.put(`/api/events/${id(eventId)}/attendance/${id(userId)}`, { attended }),
  attendedPermanences: async (userId: string) =>
    (await api.get(`/api/users/${id(userId)}/attended-permanences`, AttendedEventsSchema)).items,

  publishReport: async (eventId: string) =>
    (await api.post(`/api/events/${id(eventId)}/report`, undefined, EventEnvelopeSchema)).event,
  openFollowUp: async (eventId: string, body: { title: string; body: string; spaceId?: string }) =>
    (await api.post(`/api/events/${id(eventId)}/follow-up`, body, EventEnvelopeSchema)).event,

  /** Spaces a question can be handed to, or a follow-up thread opened in. */
  spaces: async () => (await api.get('/api/spaces', SpaceListSchema)).items,
  thread: async (threadId: string) =>
    (await api.get(`/api/threads/${id(threadId)}?limit=1`, ThreadDetailSchema)).thread,
};
