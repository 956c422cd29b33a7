package dev.sextant.server.training;

import dev.sextant.api.ErrorCode;

/** Why a job failed: the stable error code the API would have answered with, and what to do. */
record JobError(ErrorCode code, String message) {
}
