using LeadRunner.Accounts;
using LeadRunner.Scripting;

namespace LeadRunner.Workflow.Definitions;

/// <summary>The rules of a well-formed definition that a JSON Schema cannot state. Yields (path, message).</summary>
internal sealed class SemanticRules(WorkflowDefinition d, ScriptSandbox scripts, IReferenceCatalog catalog, IReadOnlySet<string>? knownWorkflows)
{
    private static readonly HashSet<string> SiteSections = [.. Cms.SiteSections.Listed.Select(s => s.Path)];

    public IEnumerable<(string Path, string Message)> Check()
    {
        var stepIds = d.Steps.Select(s => s.Id).ToHashSet();
        var variables = d.Variables.Select(v => v.Name).ToHashSet();

        foreach (var dup in d.Steps.Select((s, i) => (s, i)).GroupBy(x => x.s.Id).Where(g => g.Count() > 1).SelectMany(g => g.Skip(1)))
        {
            yield return ($"$.steps[{dup.i}].id", $"步骤标识“{dup.s.Id}”重复");
        }
        foreach (var dup in d.Variables.Select((v, i) => (v, i)).GroupBy(x => x.v.Name).Where(g => g.Count() > 1).SelectMany(g => g.Skip(1)))
        {
            yield return ($"$.variables[{dup.i}].name", $"变量“{dup.v.Name}”重复");
        }
        if (!stepIds.Contains(d.Start))
        {
            yield return ("$.start", $"起始步骤“{d.Start}”不存在");
        }

        for (var i = 0; i < d.Transitions.Count; i++)
        {
            foreach (var error in CheckTransition(d.Transitions[i], $"$.transitions[{i}]", stepIds, variables))
            {
                yield return error;
            }
        }
        foreach (var dup in d.Transitions.Select((t, i) => (t, i)).GroupBy(x => (x.t.From, x.t.Key)).Where(g => g.Count() > 1).SelectMany(g => g.Skip(1)))
        {
            yield return ($"$.transitions[{dup.i}].key", $"步骤“{dup.t.From}”已有标识为“{dup.t.Key}”的流转");
        }

        for (var i = 0; i < d.Steps.Count; i++)
        {
            foreach (var error in CheckStep(d.Steps[i], $"$.steps[{i}]", variables))
            {
                yield return error;
            }
        }

        foreach (var (step, i) in Unreachable())
        {
            yield return ($"$.steps[{i}]", $"步骤“{step.Title}”（{step.Id}）从起始步骤无法到达");
        }
    }

    private IEnumerable<(string, string)> CheckStep(StepDefinition step, string path, HashSet<string> variables)
    {
        var outgoing = d.From(step.Id).ToList();
        if (step.Kind == StepKind.Terminal)
        {
            if (outgoing.Count > 0)
            {
                yield return (path, $"结束步骤“{step.Title}”不能再有流出的流转");
            }
        }
        else if (outgoing.Count == 0)
        {
            yield return (path, $"步骤“{step.Title}”没有出口：请添加从它流出的流转，或把它改为结束步骤");
        }

        if (step.Kind == StepKind.HumanTask)
        {
            if (step.Assignee is null)
            {
                yield return (path, $"人工办理步骤“{step.Title}”必须指定办理角色和范围");
            }
            else if (!DefinitionValidator.ScopeFits(step.Assignee.Role, step.Assignee.Scope))
            {
                yield return ($"{path}.assignee", $"角色“{Roles.ChineseNames.GetValueOrDefault(step.Assignee.Role, step.Assignee.Role)}”不能使用范围“{step.Assignee.Scope}”");
            }
        }
        if (step.Form is { } form && !catalog.FormExists(form))
        {
            yield return ($"{path}.form", $"表单“{form}”不存在");
        }
        if (step.Kind == StepKind.Timer && step.Deadline?.OnExpiry != ExpiryAction.Transition)
        {
            yield return (path, $"等待计时步骤“{step.Title}”必须设置期限，并在到期时执行一个流转");
        }
        if (step.Kind == StepKind.Automatic && outgoing.Any(t => t.Trigger != TriggerKind.Auto))
        {
            yield return (path, $"自动步骤“{step.Title}”的流出流转都必须是自动触发（auto）");
        }
        if (step.Kind != StepKind.Automatic && outgoing.Any(t => t.Trigger == TriggerKind.Auto))
        {
            yield return (path, $"只有自动步骤才能有自动触发（auto）的流转");
        }
        if (step.Deadline is { } deadline)
        {
            foreach (var error in CheckDeadline(step, deadline, $"{path}.deadline", outgoing))
            {
                yield return error;
            }
        }
        for (var i = 0; i < step.Effects.Count; i++)
        {
            foreach (var error in CheckEffect(step.Effects[i], $"{path}.effects[{i}]", variables))
            {
                yield return error;
            }
        }
    }

    private IEnumerable<(string, string)> CheckDeadline(StepDefinition step, DeadlineDefinition deadline, string path, List<TransitionDefinition> outgoing)
    {
        if (deadline.Kind == DeadlineKind.Setting && string.IsNullOrWhiteSpace(deadline.Setting))
        {
            yield return (path, "按年度设置的期限必须指明设置项（setting），如 deadlines.city");
        }
        if (deadline.Kind is DeadlineKind.WorkingDays or DeadlineKind.CalendarDays && deadline.Days is null && string.IsNullOrWhiteSpace(deadline.DaysSetting))
        {
            yield return (path, "按天数计算的期限必须填写天数（days）或天数所在的设置项（daysSetting）");
        }
        if (deadline.Kind == DeadlineKind.Variable)
        {
            var declared = d.Variables.FirstOrDefault(v => v.Name == deadline.Variable);
            if (string.IsNullOrWhiteSpace(deadline.Variable))
            {
                yield return ($"{path}.variable", "按案件变量的期限必须指明保存日期的变量（variable），如 dueDate");
            }
            else if (declared is null)
            {
                yield return ($"{path}.variable", $"期限变量“{deadline.Variable}”未在 variables 中声明");
            }
            else if (declared.Type is not ("date" or "string"))
            {
                yield return ($"{path}.variable", $"期限变量“{deadline.Variable}”须为日期或文本类型（yyyy-MM-dd）");
            }
        }
        if (deadline.OnExpiry == ExpiryAction.Transition)
        {
            var target = outgoing.FirstOrDefault(t => t.Key == deadline.Transition);
            if (target is null)
            {
                yield return ($"{path}.transition", $"到期执行的流转“{deadline.Transition}”不是从步骤“{step.Title}”流出的流转");
            }
            else if (target.Trigger != TriggerKind.Timer)
            {
                yield return ($"{path}.transition", $"到期执行的流转“{target.Label}”必须是计时触发（timer）");
            }
        }
        if (deadline.OnExpiry == ExpiryAction.Escalate && step.Assignee?.Role is not (Roles.County or Roles.City))
        {
            yield return ($"{path}.onExpiry", "只有县级或市级办理的步骤才能逾期上报上一级");
        }
    }

    private IEnumerable<(string, string)> CheckTransition(TransitionDefinition t, string path, HashSet<string> stepIds, HashSet<string> variables)
    {
        if (!stepIds.Contains(t.From))
        {
            yield return ($"{path}.from", $"流转“{t.Label}”的来源步骤“{t.From}”不存在");
        }
        if (!stepIds.Contains(t.To))
        {
            yield return ($"{path}.to", $"流转“{t.Label}”的目标步骤“{t.To}”不存在");
        }
        var from = d.Step(t.From);
        if (t.Trigger == TriggerKind.Human)
        {
            var role = t.Role ?? from?.Assignee?.Role;
            var scope = t.Scope ?? from?.Assignee?.Scope;
            if (role is null || scope is null)
            {
                yield return (path, $"流转“{t.Label}”须指明由哪个角色（role）在什么范围（scope）办理");
            }
            else if (!DefinitionValidator.ScopeFits(role, scope.Value))
            {
                yield return ($"{path}.scope", $"角色“{Roles.ChineseNames.GetValueOrDefault(role, role)}”不能使用范围“{scope}”");
            }
        }
        if (t.Trigger == TriggerKind.Timer && !(from?.Deadline is { OnExpiry: ExpiryAction.Transition } deadline && deadline.Transition == t.Key))
        {
            yield return ($"{path}.trigger", $"计时触发的流转“{t.Label}”必须是其来源步骤期限到期时执行的流转");
        }
        if (t.Guard is { } guard && scripts.ParseExpression(guard) is { Ok: false } parsed)
        {
            yield return ($"{path}.guard", $"条件表达式有语法错误：{parsed.Errors[0]}");
        }
        if (t.Form is { } form && !catalog.FormExists(form))
        {
            yield return ($"{path}.form", $"表单“{form}”不存在");
        }
        for (var i = 0; i < t.Effects.Count; i++)
        {
            foreach (var error in CheckEffect(t.Effects[i], $"{path}.effects[{i}]", variables))
            {
                yield return error;
            }
        }
    }

    private IEnumerable<(string, string)> CheckEffect(EffectDefinition e, string path, HashSet<string> variables)
    {
        switch (e.Kind)
        {
            case EffectKind.SetVariable:
                if (e.Variable is null || !variables.Contains(e.Variable))
                {
                    yield return ($"{path}.variable", $"变量“{e.Variable}”未在 variables 中声明");
                }
                if (string.IsNullOrWhiteSpace(e.Value))
                {
                    yield return ($"{path}.value", "请填写变量的取值表达式");
                }
                else if (scripts.ParseExpression(e.Value) is { Ok: false } value)
                {
                    yield return ($"{path}.value", $"取值表达式有语法错误：{value.Errors[0]}");
                }
                break;
            case EffectKind.EvaluateEligibility:
                if (e.Variable is null || !variables.Contains(e.Variable))
                {
                    yield return ($"{path}.variable", $"保存认定条件核验结果的变量“{e.Variable}”未在 variables 中声明");
                }
                break;
            case EffectKind.Notify:
                if (e.To is null)
                {
                    yield return (path, "通知必须指明接收方（to）");
                }
                else if (!DefinitionValidator.ScopeFits(e.To.Role, e.To.Scope))
                {
                    yield return ($"{path}.to", $"角色“{e.To.Role}”不能使用范围“{e.To.Scope}”");
                }
                foreach (var error in CheckText(e.Title, $"{path}.title", "通知标题", required: true).Concat(CheckText(e.Message, $"{path}.message", "通知内容", required: false)))
                {
                    yield return error;
                }
                break;
            case EffectKind.PublishSiteItem:
                if (e.Section is null || !SiteSections.Contains(e.Section))
                {
                    yield return ($"{path}.section", "发布栏目必须是 notices、publicity 或 lists");
                }
                foreach (var error in CheckText(e.Title, $"{path}.title", "发布标题", required: true).Concat(CheckText(e.Body, $"{path}.body", "发布正文", required: true)))
                {
                    yield return error;
                }
                break;
            case EffectKind.RenderDocument:
                if (string.IsNullOrWhiteSpace(e.Template))
                {
                    yield return ($"{path}.template", "请指明要生成的文书模板");
                }
                else if (!catalog.TemplateExists(e.Template))
                {
                    yield return ($"{path}.template", $"文书模板“{e.Template}”不存在");
                }
                if (e.Variable is not null && !variables.Contains(e.Variable))
                {
                    yield return ($"{path}.variable", $"记录文书验证码的变量“{e.Variable}”未在 variables 中声明");
                }
                break;
            case EffectKind.RecordPoolDecision:
                if (e.Decision is not (PoolDecisionNames.Admitted or PoolDecisionNames.NotAdmitted))
                {
                    yield return ($"{path}.decision", "入库决定必须是 admitted（入库）或 notAdmitted（不予入库）");
                }
                break;
            case EffectKind.RecordTitleDecision:
                if (e.Decision is not (HolderDecisionNames.Renewed or HolderDecisionNames.Expired or HolderDecisionNames.Revoked))
                {
                    yield return ($"{path}.decision", "称号决定必须是 renewed（续期）、expired（到期终止）或 revoked（撤销）");
                }
                break;
            case EffectKind.DecideSupportClaim:
                if (e.Decision is not (HolderDecisionNames.Approved or HolderDecisionNames.Rejected))
                {
                    yield return ($"{path}.decision", "支持申请决定必须是 approved（核准）或 rejected（不予支持）");
                }
                break;
            case EffectKind.RaiseRevocation:
                if (e.Ground is null || !Holders.RevocationGrounds.Titles.ContainsKey(e.Ground))
                {
                    yield return ($"{path}.ground", "撤销事由必须是 falsification、violation、noReport 或 lateChange（工作指南第十六条）");
                }
                foreach (var error in CheckText(e.Message, $"{path}.message", "撤销事实与依据", required: true))
                {
                    yield return error;
                }
                break;
            case EffectKind.StartWorkflow:
                if (string.IsNullOrWhiteSpace(e.Workflow))
                {
                    yield return ($"{path}.workflow", "请指明要启动的流程");
                }
                else if (knownWorkflows is not null && !knownWorkflows.Contains(e.Workflow))
                {
                    yield return ($"{path}.workflow", $"流程“{e.Workflow}”不存在");
                }
                break;
        }
    }

    private IEnumerable<(string, string)> CheckText(string? text, string path, string what, bool required)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            if (required)
            {
                yield return (path, $"请填写{what}");
            }
        }
        else if (scripts.ParseTemplate(text) is { Ok: false } parsed)
        {
            yield return (path, $"{what}模板有语法错误：{parsed.Errors[0]}");
        }
    }

    private IEnumerable<(StepDefinition Step, int Index)> Unreachable()
    {
        var seen = new HashSet<string> { d.Start };
        var queue = new Queue<string>([d.Start]);
        while (queue.TryDequeue(out var current))
        {
            foreach (var t in d.From(current).Where(t => seen.Add(t.To)))
            {
                queue.Enqueue(t.To);
            }
        }
        return d.Steps.Select((s, i) => (s, i)).Where(x => !seen.Contains(x.s.Id));
    }
}
