"""Learning methods as living specifications: each method's feature, run against the web."""

from pytest_bdd import scenarios

scenarios(
    "methods/pdsa.feature",
    "methods/after_action_review.feature",
    "methods/retrospect.feature",
    "methods/action_learning_set.feature",
    "methods/appreciative_inquiry.feature",
    "methods/learning_log.feature",
)
