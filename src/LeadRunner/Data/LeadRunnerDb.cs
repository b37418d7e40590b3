using System.Linq.Expressions;
using System.Reflection;
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
using Microsoft.EntityFrameworkCore.Query;

namespace LeadRunner.Data;

/// <summary>The one database of the app. Rows an actor may not see are filtered here, by the current <see cref="AccessScope"/>.</summary>
public sealed class LeadRunnerDb(DbContextOptions<LeadRunnerDb> options) : IdentityDbContext<AppUser>(options), IDataProtectionKeyContext
{
    // HttpContextAccessor keeps the current request in an AsyncLocal, so a pooled context can read it without DI.
    private static readonly CurrentScope CurrentScope = new(new Microsoft.AspNetCore.Http.HttpContextAccessor());

    public AccessScope Scope => CurrentScope.Value;

    // Flat members so that EF Core parameterises them per query in the global filters below (see ScopeMember).
    private bool ScopeSeesAll => Scope.SeesAll;
    private int? ScopeEnterpriseId => Scope.EnterpriseId;
    private string? ScopeCountyCode => Scope.CountyCode;
    private string? ScopeUnitCode => Scope.UnitCode;

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

        // Region scoping is enforced here, by the rules of RegionScope: enterprises and tasks by the codes they carry,
        // what belongs to an enterprise when that enterprise is seen. An EXISTS by key, not the navigation: SQLite
        // materialised the navigation's filtered join in full, a scan of every enterprise on each case read.
        builder.Entity<Enterprise>().HasQueryFilter(Routed<Enterprise>(e => e.Id, e => e.CountyCode, e => e.County!.UnitCode));
        builder.Entity<HumanTask>().HasQueryFilter(Routed<HumanTask>(t => t.EnterpriseId, t => t.CountyCode, t => t.UnitCode));
        builder.Entity<WorkflowInstance>().HasQueryFilter(Owned<WorkflowInstance>(i => i.EnterpriseId));
        builder.Entity<Enterprises.Pool.PoolMembership>().HasQueryFilter(Owned<Enterprises.Pool.PoolMembership>(m => m.EnterpriseId));
        // A holder's title, history, obligations and claims are seen when its enterprise is (the public change log reads
        // public events with the filters off, on purpose).
        builder.Entity<Holders.TitleHolder>().HasQueryFilter(Owned<Holders.TitleHolder>(h => h.EnterpriseId));
        builder.Entity<Holders.HolderEvent>().HasQueryFilter(Owned<Holders.HolderEvent>(h => h.EnterpriseId));
        builder.Entity<Holders.Obligation>().HasQueryFilter(Owned<Holders.Obligation>(o => o.EnterpriseId));
        builder.Entity<Holders.SupportClaim>().HasQueryFilter(Owned<Holders.SupportClaim>(c => c.EnterpriseId));
        // Submissions without an enterprise (public objections) are for the province only.
        builder.Entity<FormSubmission>().HasQueryFilter(Owned<FormSubmission>(s => s.EnterpriseId));
    }

    private Expression<Func<T, bool>> Routed<T>(Expression<Func<T, int?>> enterpriseId, Expression<Func<T, string?>> countyCode, Expression<Func<T, string?>> unitCode)
    {
        var row = enterpriseId.Parameters[0];
        return Expression.Lambda<Func<T, bool>>(
            RegionScope.Apply(RegionScope.Routed, ScopeMember, enterpriseId.Body, On(countyCode, row), On(unitCode, row)), row);
    }

    private Expression<Func<T, bool>> Owned<T>(Expression<Func<T, int?>> enterpriseId)
    {
        var row = enterpriseId.Parameters[0];
        Expression<Func<int?, bool>> enterpriseSeen = id => Enterprises.Any(e => e.Id == id);
        return Expression.Lambda<Func<T, bool>>(
            RegionScope.Apply(RegionScope.Owned, ScopeMember, enterpriseId.Body, On(enterpriseSeen, enterpriseId.Body)), row);
    }

    /// <summary>A scope member of the rules read from this context's flat members (ScopeSeesAll…), as EF Core parameterises them.</summary>
    private Expression ScopeMember(string name) =>
        Expression.Property(Expression.Constant(this, typeof(LeadRunnerDb)),
            typeof(LeadRunnerDb).GetProperty("Scope" + name, BindingFlags.NonPublic | BindingFlags.Instance)
            ?? throw new InvalidOperationException($"LeadRunnerDb has no member Scope{name} for the region scope rules."));

    private static Expression On(LambdaExpression selector, Expression argument) =>
        ReplacingExpressionVisitor.Replace(selector.Parameters[0], argument, selector.Body);
}
