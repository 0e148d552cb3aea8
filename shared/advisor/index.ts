// The capacity advisor: what the recorded history says the channel's capacity should be, and when capacity is not the answer.
export { ADVISOR_WINDOWS, advise, CANDIDATE_REASONS, EPISODE_GAP_MS, pressureEpisodes, replayBasis, REQUEST_OVERHEAD_BYTES, SUGGESTION_HEADROOM, type Advice, type AdviseOptions, type AdvisorWindow, type Candidate, type CandidateReason, type Diagnosis } from './advise.js';
export { intervalsOf, STALL_MS, type AdvisorSample, type Interval } from './intervals.js';
export { niceAtLeast } from './nice.js';
export { replayCapacity, type CapacityOutcome, type ReplayBasis } from './replay-capacity.js';
