using System;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using RayGen.Model;
using RayGen.Yaml;

namespace RayGen.Diagnostics.Analyzers.RayStartParams
{
    /// <summary>
    /// RAY0037: a rayStartParams value references <c>$X</c> / <c>${X}</c> (bash) or <c>$(X)</c> (kubelet) for a
    /// variable the Ray container will not have. bash expands it to nothing (<c>--node-ip-address=</c> crashes
    /// ray start, kuberay#805); an unresolved <c>$(X)</c> is left by the kubelet and run by bash as a command.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class UndefinedVariableAnalyzer : GroupArgsAnalyzer
    {
        internal static readonly DiagnosticDescriptor Rule = Descriptors.Create(
            RuleIds.UndefinedVariableInRayStartParam,
            "Value references an environment variable that will not exist",
            "{0} {1}",
            DiagnosticSeverity.Warning);

        private static readonly string[] BashVariables =
        {
            "BASH", "BASHOPTS", "BASHPID", "BASH_ARGC", "BASH_ARGV", "BASH_COMMAND", "BASH_SOURCE", "BASH_SUBSHELL", "BASH_VERSINFO",
            "BASH_VERSION", "BASH_LINENO", "BASH_ENV", "DIRSTACK", "EPOCHREALTIME", "EPOCHSECONDS", "EUID", "FUNCNAME", "GROUPS",
            "HISTCMD", "HOSTTYPE", "IFS", "LINENO", "MACHTYPE", "OLDPWD", "OPTARG", "OPTIND", "OSTYPE", "PIPESTATUS", "PPID", "PWD",
            "RANDOM", "SECONDS", "SHELLOPTS", "SHLVL", "SRANDOM", "UID",
        };

        private static readonly string[] EveryContainer = { "HOSTNAME", "PATH", "HOME" };

        internal override ImmutableArray<DiagnosticDescriptor> Rules => ImmutableArray.Create(Rule);

        internal override void Analyze(GroupRuleContext context)
        {
            ParamsView view = ParamsView.For(context);
            foreach (ParamEntry entry in view.Entries)
            {
                if (!entry.IsStringValue || entry.IsTemplated || !entry.IsRenderedAsWritten || entry.Value.IndexOf('$') < 0)
                {
                    continue;
                }

                foreach (ValueReference reference in entry.Shell.References)
                {
                    if (!reference.IsKubelet && reference.HandlesUnset)
                    {
                        continue;
                    }

                    string? message;
                    ProblemSeverity severity = ProblemSeverity.Warning;
                    if (IsSelfReference(context.Group.Output, entry, reference))
                    {
                        message = $"'{entry.Key}: {entry.Value}' refers to itself: with the ray.io/ft-enabled annotation KubeRay copies the redis-password param into env REDIS_PASSWORD, so the variable holds the text '{entry.Value}' and Redis gets that as the password. Define REDIS_PASSWORD in containers[0].env (e.g. from a Secret), or use gcsFaultToleranceOptions.redisPassword.";
                    }
                    else if (Exists(view, reference))
                    {
                        continue;
                    }
                    else
                    {
                        string written = entry.Value.Substring(reference.Start, reference.End - reference.Start);
                        message = reference.IsKubelet
                            ? $"'{written}' in '{entry.Key}': {reference.Name} is not an env var of the Ray container, so the kubelet leaves '{written}' as it is and bash runs '{reference.Name}' as a command substitution (command not found: an empty value)."
                            : $"'{written}' in '{entry.Key}': {reference.Name} is not an env var of the Ray container (not in its env, and KubeRay does not add it), so bash expands it to an empty string and ray start receives '--{entry.Key}={Empty(entry, reference)}'{(entry.Key == "node-ip-address" ? " (an empty --node-ip-address crashes ray start, kuberay#805)" : string.Empty)}.";
                        bool podIp = entry.Key == "node-ip-address" || reference.Name.EndsWith("IP", StringComparison.Ordinal);
                        message += $" Define {reference.Name} in containers[0].env{(podIp ? " (for the pod IP: valueFrom.fieldRef.fieldPath: status.podIP)" : string.Empty)}"
                            + (reference.IsKubelet ? "." : $", or give a default: ${{{reference.Name}:-…}}.");
                        if (view.HasEnvFrom)
                        {
                            severity = ProblemSeverity.Info;
                            message += " (Info only: containers[0] has envFrom, which may define it.)";
                        }
                    }

                    context.Report(Rule, entry.Locate(reference.Start, reference.End), severity, message, view.FinalArgs);
                }
            }
        }

        private static string Empty(ParamEntry entry, ValueReference reference) =>
            ParamText.Show(entry.Value.Substring(0, reference.Start) + entry.Value.Substring(reference.End));

        private static bool Exists(ParamsView view, ValueReference reference)
        {
            string name = reference.Name;
            if (view.HasEnv(name) || EveryContainer.Contains(name, StringComparer.Ordinal) || view.FeatureVariables.Contains(name, StringComparer.Ordinal)
                || name.StartsWith("KUBERNETES_", StringComparison.Ordinal)
                || name.EndsWith("_SERVICE_HOST", StringComparison.Ordinal) || name.Contains("_SERVICE_PORT"))
            {
                return true;
            }

            return !reference.IsKubelet && BashVariables.Contains(name, StringComparer.Ordinal);
        }

        /// <summary>
        /// <c>redis-password: $REDIS_PASSWORD</c> where KubeRay itself copies the param into <c>REDIS_PASSWORD</c>
        /// (annotation-mode GCS fault tolerance, or every cluster before 1.3.0) and the user defines no such env.
        /// </summary>
        private static bool IsSelfReference(GroupOutputModel output, ParamEntry entry, ValueReference reference) =>
            entry.Key == "redis-password" && reference.Name == "REDIS_PASSWORD"
            && output.AddedEnv.Any(e => e.Name == "REDIS_PASSWORD" && e.CopiedFrom is null && e.Value is { HasHoles: false } v && v.Parts[0].Text == entry.Value);
    }
}
