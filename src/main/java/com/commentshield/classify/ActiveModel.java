package com.commentshield.classify;

import com.commentshield.model.SpamModel;
import com.commentshield.text.Featurizer;

/**
 * A model serving requests, with the featurizer of its feature space and its version label.
 *
 * @param version the version shown in answers and stored with decisions
 * @param model the trained model
 * @param featurizer the featurizer matching the model's feature settings
 */
public record ActiveModel(String version, SpamModel model, Featurizer featurizer) {

  public static ActiveModel of(String version, SpamModel model) {
    return new ActiveModel(version, model, new Featurizer(model.parameters().features()));
  }
}
