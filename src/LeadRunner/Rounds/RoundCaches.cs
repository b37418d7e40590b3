using LeadRunner.Documents;
using LeadRunner.Programmes;
using LeadRunner.Programmes.Eligibility;
using LeadRunner.Workflow.Calendar;

namespace LeadRunner.Rounds;

/// <summary>
/// The in-memory copies a round import touches. Stores reload them as they save, but inside the import's transaction a
/// reload still reads the committed state, so all are reloaded once more after the commit (or the rollback).
/// </summary>
public sealed class RoundCaches(RoundDirectory rounds, ProgrammeSettings programmes, TemplateLibrary templates, EligibilityRuleSet rules, WorkingDayCalendar calendar)
{
    public void InvalidateAll()
    {
        rounds.Invalidate();
        programmes.Invalidate();
        templates.Invalidate();
        rules.Invalidate();
        calendar.Invalidate();
    }
}
