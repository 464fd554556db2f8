// The compose form's fields, kept while the learner looks at other tabs.
import { DEFAULT_COMPOSE, type ComposeFields } from './compose-request.ts';

export const composeDraft: ComposeFields = $state({ ...DEFAULT_COMPOSE });
