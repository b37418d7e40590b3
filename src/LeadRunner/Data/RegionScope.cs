using System.Linq.Expressions;
using LeadRunner.Accounts;

namespace LeadRunner.Data;

/// <summary>
/// The region scope, defined once: which rows an <see cref="AccessScope"/> sees. <see cref="LeadRunnerDb"/> builds
/// its query filters from these expressions and code that reads rows with plain SQL (task completion) runs their
/// compiled form, so the database and the in-memory check cannot drift apart.
/// </summary>
public static class RegionScope
{
    /// <summary>A row routed to an enterprise, a county or a unit (an enterprise itself, a task) is seen in that region.</summary>
    public static readonly Expression<Func<AccessScope, int?, string?, string?, bool>> Routed =
        (scope, enterpriseId, countyCode, unitCode) =>
            scope.SeesAll
            || (scope.EnterpriseId != null && enterpriseId == scope.EnterpriseId)
            || (scope.CountyCode != null && countyCode == scope.CountyCode)
            || (scope.UnitCode != null && unitCode == scope.UnitCode);

    /// <summary>
    /// A row that belongs to an enterprise (a case, a submission, a holder's record) is seen when its enterprise is;
    /// a row about no enterprise only by those who see everything.
    /// </summary>
    public static readonly Expression<Func<AccessScope, int?, bool, bool>> Owned =
        (scope, enterpriseId, enterpriseSeen) =>
            scope.SeesAll
            || (enterpriseId != null && ((scope.EnterpriseId != null && enterpriseId == scope.EnterpriseId) || enterpriseSeen));

    private static readonly Func<AccessScope, int?, string?, string?, bool> RoutedCheck = Routed.Compile();
    private static readonly Func<AccessScope, int?, bool, bool> OwnedCheck = Owned.Compile();

    public static bool SeesRouted(AccessScope scope, int? enterpriseId, string? countyCode, string? unitCode) =>
        RoutedCheck(scope, enterpriseId, countyCode, unitCode);

    public static bool SeesOwned(AccessScope scope, int? enterpriseId, bool enterpriseSeen) =>
        OwnedCheck(scope, enterpriseId, enterpriseSeen);

    /// <summary>
    /// The body of a rule with its scope members read from <paramref name="scopeMember"/> (the context's flat
    /// members, which EF Core parameterises per query) and its row parameters replaced by <paramref name="rowValues"/>.
    /// </summary>
    internal static Expression Apply(LambdaExpression rule, Func<string, Expression> scopeMember, params Expression[] rowValues)
    {
        var replacements = new Dictionary<ParameterExpression, Expression>();
        for (var i = 1; i < rule.Parameters.Count; i++)
        {
            replacements[rule.Parameters[i]] = rowValues[i - 1];
        }
        return new Rewriter(rule.Parameters[0], scopeMember, replacements).Visit(rule.Body);
    }

    private sealed class Rewriter(ParameterExpression scope, Func<string, Expression> scopeMember, Dictionary<ParameterExpression, Expression> replacements)
        : ExpressionVisitor
    {
        protected override Expression VisitMember(MemberExpression node) =>
            node.Expression == scope ? scopeMember(node.Member.Name) : base.VisitMember(node);

        protected override Expression VisitParameter(ParameterExpression node) =>
            replacements.TryGetValue(node, out var value) ? value : node == scope
                ? throw new InvalidOperationException("A scope rule may use only the scope's members.") : node;
    }
}
