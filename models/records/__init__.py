"""Every record Pendamping stores, one module per part of a case."""

from .assessment import (
    Assessment,
    BioSection,
    PsychoSection,
    SocialSection,
    SpiritualSection,
    Treatment,
)
from .base import Choice, Problem, Record
from .client import WORKING_PHASES, Client, ConsentForm, Gender, Phase, PhaseChange
from .contract import Communication, Contract
from .group import Attendance, Group, GroupSession, Member, Observation
from .health import Adherence, HealthPicture, Regimen, ViralLoad, ViralLoadTest
from .history import EventCategory, Flow, LifeEvent, Relation, RelationKind, Strength
from .journal_entry import JournalEntry
from .note import Addendum, NoteKind, NoteTemplate, SessionNote
from .plan import Action, Goal, Plan, Responsible, Status
from .questionnaire import Administration
from .reflection import Reflection
from .termination import Termination, TerminationReason

RECORD_TYPES: tuple[type[Record], ...] = (
    Client,
    Contract,
    Assessment,
    HealthPicture,
    Administration,
    LifeEvent,
    Relation,
    Plan,
    SessionNote,
    Group,
    GroupSession,
    JournalEntry,
    Reflection,
    Termination,
)

CHOICES: tuple[type[Choice], ...] = (
    Phase,
    Gender,
    ConsentForm,
    Communication,
    Treatment,
    Adherence,
    ViralLoad,
    EventCategory,
    RelationKind,
    Strength,
    Flow,
    Status,
    Responsible,
    NoteKind,
    NoteTemplate,
    Attendance,
    TerminationReason,
)

__all__ = [
    "CHOICES",
    "RECORD_TYPES",
    "WORKING_PHASES",
    "Action",
    "Addendum",
    "Adherence",
    "Administration",
    "Assessment",
    "Attendance",
    "BioSection",
    "Choice",
    "Client",
    "Communication",
    "ConsentForm",
    "Contract",
    "EventCategory",
    "Flow",
    "Gender",
    "Goal",
    "Group",
    "GroupSession",
    "HealthPicture",
    "JournalEntry",
    "LifeEvent",
    "Member",
    "NoteKind",
    "NoteTemplate",
    "Observation",
    "Phase",
    "PhaseChange",
    "Plan",
    "Problem",
    "PsychoSection",
    "Record",
    "Reflection",
    "Regimen",
    "Relation",
    "RelationKind",
    "Responsible",
    "SessionNote",
    "SocialSection",
    "SpiritualSection",
    "Status",
    "Strength",
    "Termination",
    "TerminationReason",
    "Treatment",
    "ViralLoad",
    "ViralLoadTest",
]
