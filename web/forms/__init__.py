"""Forms: the same limits as the domain, so bad input is refused before a command runs."""

from web.forms.fields import attach, choices
from web.forms.journal import (
    KIND_LABELS,
    OUTCOME_LABELS,
    ActForm,
    AnswerForm,
    CommentForm,
    CompareForm,
    CorrectionForm,
    DecisionForm,
    HelpForm,
    MistakeForm,
    ReflectionForm,
    offer_questions,
)
from web.forms.methods import (
    AdviceForm,
    AdviceRequestForm,
    ChoiceForm,
    NewCycleForm,
    StoryForm,
)
from web.forms.people import (
    AcceptForm,
    AimForm,
    GroupForm,
    InviteForm,
    PasswordForm,
    RoleForm,
    SharingForm,
    SignInForm,
)
from web.forms.plan import AdaptForm, PlanForm, RevisionForm

__all__ = [
    "KIND_LABELS",
    "OUTCOME_LABELS",
    "AcceptForm",
    "ActForm",
    "AdaptForm",
    "AdviceForm",
    "AdviceRequestForm",
    "AimForm",
    "AnswerForm",
    "ChoiceForm",
    "CommentForm",
    "CompareForm",
    "CorrectionForm",
    "DecisionForm",
    "GroupForm",
    "HelpForm",
    "InviteForm",
    "MistakeForm",
    "NewCycleForm",
    "PasswordForm",
    "PlanForm",
    "ReflectionForm",
    "RevisionForm",
    "RoleForm",
    "SharingForm",
    "SignInForm",
    "StoryForm",
    "attach",
    "choices",
    "offer_questions",
]
