package com.commentshield.models;

import com.commentshield.model.SpamModel;
import com.commentshield.text.Featurizer;

/**
 * A model serving requests, with the featurizer of its feature space and its version.
 *
 * @param version the stored version, shown in answers and stored with decisions
 * @param model the trained model
 * @param featurizer the featurizer matching the model's feature settings
 */
public record ActiveModel(int version, SpamModel model, Featurizer featurizer) {

  static ActiveModel of(int version, SpamModel model) {
    return new ActiveModel(version, model, new Featurizer(model.parameters().features()));
  }
}
