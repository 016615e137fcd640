/** The error the purchase models throw when the data cannot identify them (never a NaN answer). */

/** Why a fit was refused: no data, nobody repeated, or the likelihood has no interior maximum. */
export type ModelFitReason = 'no-customers' | 'no-repeat-buyers' | 'invalid-input' | 'not-identified';

/** Thrown by `fitBgNbd` and `fitGammaGamma` when the data cannot identify the model. */
export class ModelFitError extends Error {
  override readonly name = 'ModelFitError';
  constructor(
    readonly reason: ModelFitReason,
    message: string,
  ) {
    super(message);
  }
}

/** Type guard for `ModelFitError`. */
export const isModelFitError = (e: unknown): e is ModelFitError => e instanceof ModelFitError;

/** Log-parameters beyond ±this mean the optimum ran off to 0 or ∞: the data do not identify the model. */
export const LOG_PARAM_BOUND = 12;

/** Throws `not-identified` when a fitted log-parameter sits at (or beyond) the bound. */
export function assertIdentified(model: string, names: readonly string[], logParams: readonly number[]): void {
  const i = logParams.findIndex((v) => !(Math.abs(v) < LOG_PARAM_BOUND - 0.5));
  if (i >= 0)
    throw new ModelFitError('not-identified', `${model}: the data do not identify the model (${names[i]} ran to ${logParams[i]! > 0 ? 'infinity' : 'zero'}); add more customers or a longer calibration period`);
}
