using LeadRunner.Accounts;
using LeadRunner.Audit;
using LeadRunner.Cms;
using LeadRunner.Enterprises;
using LeadRunner.Forms;
using LeadRunner.Programmes;
using LeadRunner.Programmes.Eligibility;
using LeadRunner.Regions;
using LeadRunner.Uploads;
using LeadRunner.Workflow.Calendar;
using LeadRunner.Workflow.Runtime;
using LeadRunner.Workflow.Versions;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace LeadRunner.Data;

/// <summary>The one database of the app. Rows an actor may not see are filtered here, by the current <see cref="AccessScope"/>.</summary>
public sealed class LeadRunnerDb(DbContextOptions<LeadRunnerDb> options) : IdentityDbContext<AppUser>(options), IDataProtectionKeyContext
{
    // HttpContextAccessor keeps the current request in an AsyncLocal, so a pooled context can read it without DI.
    private static readonly CurrentScope CurrentScope = new(new Microsoft.AspNetCore.Http.HttpContextAccessor());

    public AccessScope Scope => CurrentScope.Value;

    // Flat members so that EF Core parameterises them per query in the global filters below.
    private bool ScopeSeesAll => Scope.SeesAll;
    private int? ScopeEnterpriseId => Scope.EnterpriseId;
    private string? ScopeCountyCode => Scope.CountyCode;
    private string? ScopeUnitCode => Scope.UnitCode;

    /// <summary>
    /// The task and case filters below, for a task and case read with plain SQL (task completion). A test checks
    /// that both agree for every kind of scope.
    /// </summary>
    internal bool Sees(HumanTask task, WorkflowInstance instance, CaseParty? party)
    {
        var scope = Scope;
        if (scope.SeesAll)
        {
            return true;
        }
        var seesTask = (scope.EnterpriseId is { } ownEnterprise && task.EnterpriseId == ownEnterprise)
            || (scope.CountyCode is { } county && task.CountyCode == county)
            || (scope.UnitCode is { } unit && task.UnitCode == unit);
        var seesCase = instance.EnterpriseId is { } enterprise && (
            (scope.EnterpriseId is { } ownId && enterprise == ownId)
            || (scope.CountyCode is { } caseCounty && party?.CountyCode == caseCounty)
            || (scope.UnitCode is { } caseUnit && party?.UnitCode == caseUnit));
        return seesTask && seesCase;
    }

    public DbSet<ReportingUnit> ReportingUnits => Set<ReportingUnit>();
    public DbSet<County> Counties => Set<County>();
    public DbSet<Cluster> Clusters => Set<Cluster>();
    public DbSet<Enterprise> Enterprises => Set<Enterprise>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<Accounts.Sessions.UserSession> UserSessions => Set<Accounts.Sessions.UserSession>();
    public DbSet<Accounts.Passwords.PasswordHistoryEntry> PasswordHistory => Set<Accounts.Passwords.PasswordHistoryEntry>();
    public DbSet<Accounts.Login.LoginThrottle> LoginThrottles => Set<Accounts.Login.LoginThrottle>();
    public DbSet<SiteItem> SiteItems => Set<SiteItem>();
    public DbSet<Cms.Editing.ContentRequest> ContentRequests => Set<Cms.Editing.ContentRequest>();
    public DbSet<Publicity.Objection> Objections => Set<Publicity.Objection>();
    public DbSet<StoredFile> StoredFiles => Set<StoredFile>();
    public DbSet<CalendarDay> CalendarDays => Set<CalendarDay>();
    public DbSet<AppState> AppState => Set<AppState>();
    public DbSet<Programme> Programmes => Set<Programme>();
    public DbSet<Rounds.Round> Rounds => Set<Rounds.Round>();
    public DbSet<DeadlineExtension> DeadlineExtensions => Set<DeadlineExtension>();
    public DbSet<EligibilityRule> EligibilityRules => Set<EligibilityRule>();
    public DbSet<Versioning.ArtifactVersion> ArtifactVersions => Set<Versioning.ArtifactVersion>();
    public DbSet<WorkflowInstance> WorkflowInstances => Set<WorkflowInstance>();
    public DbSet<HumanTask> Tasks => Set<HumanTask>();
    public DbSet<JournalEntry> Journal => Set<JournalEntry>();
    public DbSet<WorkflowTimer> Timers => Set<WorkflowTimer>();
    public DbSet<Incident> Incidents => Set<Incident>();
    public DbSet<Notification> Notifications => Set<Notification>();
    public DbSet<Notifications.NotificationRead> NotificationReads => Set<Notifications.NotificationRead>();
    public DbSet<Notifications.Mail.OutgoingMail> OutgoingMails => Set<Notifications.Mail.OutgoingMail>();
    public DbSet<FormSubmission> FormSubmissions => Set<FormSubmission>();
    public DbSet<FormDraft> FormDrafts => Set<FormDraft>();
    public DbSet<Documents.DocumentTemplate> DocumentTemplates => Set<Documents.DocumentTemplate>();
    public DbSet<Enterprises.Pool.PoolMembership> PoolMemberships => Set<Enterprises.Pool.PoolMembership>();
    public DbSet<Holders.TitleHolder> TitleHolders => Set<Holders.TitleHolder>();
    public DbSet<Holders.HolderEvent> HolderEvents => Set<Holders.HolderEvent>();
    public DbSet<Holders.Obligation> Obligations => Set<Holders.Obligation>();
    public DbSet<Holders.SupportClaim> SupportClaims => Set<Holders.SupportClaim>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    public DbSet<JobLease> JobLeases => Set<JobLease>();
    public DbSet<Documents.Packages.PackageJob> PackageJobs => Set<Documents.Packages.PackageJob>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcTicksConverter>();
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(LeadRunnerDb).Assembly);
        // Identity's own column keeps Identity's default storage; the ticks convention is for our entities.
        builder.Entity<AppUser>().Property(u => u.LockoutEnd).HasConversion((Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter?)null);
        builder.HasDbFunction(typeof(SqlJson).GetMethod(nameof(SqlJson.Number))!).HasName("json_extract").IsBuiltIn();

        // The single place where region scoping is enforced for enterprise data.
        builder.Entity<Enterprise>().HasQueryFilter(e =>
            ScopeSeesAll
            || (ScopeEnterpriseId != null && e.Id == ScopeEnterpriseId)
            || (ScopeCountyCode != null && e.CountyCode == ScopeCountyCode)
            || (ScopeUnitCode != null && e.County!.UnitCode == ScopeUnitCode));

        // Cases, pool decisions and submissions are seen when their enterprise is (the filter above, applied inside the
        // EXISTS); tasks carry the codes they were routed by. An EXISTS by key, not the navigation: SQLite materialised
        // the navigation's filtered join in full, a scan of every enterprise on each case read.
        builder.Entity<WorkflowInstance>().HasQueryFilter(i =>
            ScopeSeesAll
            || (i.EnterpriseId != null && (
                (ScopeEnterpriseId != null && i.EnterpriseId == ScopeEnterpriseId)
                || Enterprises.Any(e => e.Id == i.EnterpriseId))));
        builder.Entity<HumanTask>().HasQueryFilter(t =>
            ScopeSeesAll
            || (ScopeEnterpriseId != null && t.EnterpriseId == ScopeEnterpriseId)
            || (ScopeCountyCode != null && t.CountyCode == ScopeCountyCode)
            || (ScopeUnitCode != null && t.UnitCode == ScopeUnitCode));

        builder.Entity<Enterprises.Pool.PoolMembership>().HasQueryFilter(m =>
            ScopeSeesAll
            || (ScopeEnterpriseId != null && m.EnterpriseId == ScopeEnterpriseId)
            || Enterprises.Any(e => e.Id == m.EnterpriseId));

        // A holder's title, history, obligations and claims are seen when its enterprise is (the public change log reads
        // public events with the filters off, on purpose).
        builder.Entity<Holders.TitleHolder>().HasQueryFilter(h =>
            ScopeSeesAll || (ScopeEnterpriseId != null && h.EnterpriseId == ScopeEnterpriseId) || Enterprises.Any(e => e.Id == h.EnterpriseId));
        builder.Entity<Holders.HolderEvent>().HasQueryFilter(h =>
            ScopeSeesAll || (ScopeEnterpriseId != null && h.EnterpriseId == ScopeEnterpriseId) || Enterprises.Any(e => e.Id == h.EnterpriseId));
        builder.Entity<Holders.Obligation>().HasQueryFilter(o =>
            ScopeSeesAll || (ScopeEnterpriseId != null && o.EnterpriseId == ScopeEnterpriseId) || Enterprises.Any(e => e.Id == o.EnterpriseId));
        builder.Entity<Holders.SupportClaim>().HasQueryFilter(c =>
            ScopeSeesAll || (ScopeEnterpriseId != null && c.EnterpriseId == ScopeEnterpriseId) || Enterprises.Any(e => e.Id == c.EnterpriseId));

        // Submissions without an enterprise (public objections) are for the province only.
        builder.Entity<FormSubmission>().HasQueryFilter(s =>
            ScopeSeesAll
            || (s.EnterpriseId != null && (
                (ScopeEnterpriseId != null && s.EnterpriseId == ScopeEnterpriseId)
                || Enterprises.Any(e => e.Id == s.EnterpriseId))));
    }
}
