package com.commentshield.training;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;

/**
 * What to retrain; every field is optional and defaults to the active configuration.
 *
 * @param algorithm {@code naive-bayes} or {@code logistic}
 * @param force activate the new model even if the quality gate would keep it inactive
 * @param lambda logistic regression's L2 regularisation
 * @param smoothing naive Bayes' add-k smoothing
 * @param complement complement instead of multinomial naive Bayes
 * @param hashBits the feature space has 2^hashBits dimensions
 */
public record RetrainRequest(
    @Pattern(regexp = "naive-bayes|logistic", message = "must be naive-bayes or logistic")
        String algorithm,
    Boolean force,
    @DecimalMin(value = "0", message = "must be >= 0")
        @DecimalMax(value = "100", message = "must be <= 100")
        Double lambda,
    @DecimalMin(value = "0.0001", message = "must be > 0")
        @DecimalMax(value = "100", message = "must be <= 100")
        Double smoothing,
    Boolean complement,
    @Min(value = 12, message = "must be 12 to 22") @Max(value = 22, message = "must be 12 to 22")
        Integer hashBits) {

  public static final RetrainRequest DEFAULTS =
      new RetrainRequest(null, null, null, null, null, null);
}
