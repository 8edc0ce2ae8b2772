using System;
using System.Collections.Generic;
using System.Linq;
using RayGen.KubeRay;
using RayGen.Model;
using RayGen.Shell;

namespace RayGen.Analysis
{
    /// <summary>
    /// What the Ray container runs when KubeRay leaves <c>command</c>/<c>args</c> alone (suppressed or overwrite
    /// mode, rules.md §0.2 step 4): the exec-form array, and, when it starts a known shell with <c>-c</c>, that
    /// shell's script (after kubelet expansion, §0.3) as a <see cref="ShellProgram"/>. In generated mode the
    /// program is <c>joined</c>, which KubeRay runs with <c>bash -c</c>.
    /// </summary>
    internal sealed class ContainerProgram
    {
        private ContainerProgram(GroupArgs group, IReadOnlyList<ArgElement> argv, bool hasCommand, KnownShell? shell, ArgElement? scriptElement, KubeletExpansion? expansion, ShellProgram? program)
        {
            Group = group;
            Argv = argv;
            HasCommand = hasCommand;
            Shell = shell;
            ScriptElement = scriptElement;
            Expansion = expansion;
            Program = program;
        }

        public GroupArgs Group { get; }

        /// <summary>The exec-form words: <c>command</c> then <c>args</c> (only <c>args</c> when there is no <c>command</c>).</summary>
        public IReadOnlyList<ArgElement> Argv { get; }

        /// <summary>False when only <c>args</c> are given: they go to the image ENTRYPOINT, which RayGen cannot see.</summary>
        public bool HasCommand { get; }

        /// <summary>The known shell that <see cref="Argv"/> starts, if any.</summary>
        public KnownShell? Shell { get; }

        /// <summary>The element holding the shell's script argument.</summary>
        public ArgElement? ScriptElement { get; }

        /// <summary>Kubelet expansion of <see cref="ScriptElement"/>.</summary>
        public KubeletExpansion? Expansion { get; }

        /// <summary>The shell text the container runs: the <c>-c</c> script, or <c>joined</c> in generated mode.</summary>
        public ShellProgram? Program { get; }

        /// <summary>
        /// True when an element holds Helm/Go template syntax (<c>{{ … }}</c>): what runs is only known after rendering
        /// (RAY0190), so the rules that need the whole program stay silent.
        /// </summary>
        public bool IsTemplated => Group.Elements.Any(e => e.Value.IndexOf("{{", StringComparison.Ordinal) >= 0);

        /// <summary>True when the exec-form array itself is <c>ray start …</c> (no shell at all).</summary>
        public bool IsExecRayStart => Shell is null && RayCommands.RayStartIndex(Argv.Select(a => (string?)a.Value).ToArray(), ExecWrappers(Argv.Select(a => (string?)a.Value).ToArray())) is not null;

        /// <summary>The exec-form words <c>ray</c> … <c>start</c> (after wrappers), when <see cref="IsExecRayStart"/>.</summary>
        public (ArgElement Ray, ArgElement Start) ExecRayStartWords
        {
            get
            {
                string?[] words = Argv.Select(a => (string?)a.Value).ToArray();
                int ray = ExecWrappers(words);
                int start = RayCommands.RayStartIndex(words, ray) ?? ray;
                return (Argv[ray], Argv[Math.Min(start, Argv.Count - 1)]);
            }
        }

        /// <summary>How many leading exec-form words are wrappers that run the rest (<c>nohup</c>, <c>timeout [opts] N</c>, <c>env [A=b]</c>, <c>tini --</c>, <c>dumb-init</c>, …).</summary>
        internal static int ExecWrappers(IReadOnlyList<string?> words)
        {
            int i = RayCommands.SkipWrappers(words, 0, execForm: true, out _, out _, out _);
            return i < 0 ? words.Count : i;
        }

        /// <summary>True for <c>rayproject/ray*</c> images (any registry, tag or digest): their default command does not start Ray.</summary>
        public static bool IsRayProjectImage(string? image) =>
            image is not null && (image.StartsWith("rayproject/ray", StringComparison.Ordinal) || image.Contains("/rayproject/ray"));

        /// <summary>The image of the Ray container.</summary>
        public string? Image => Group.Output.Image;

        /// <summary>The value of <c>KUBERAY_GEN_RAY_START_CMD</c> for this group (sample deploy-time values filled in).</summary>
        public static string StartCommandValue(GroupArgs group) => GroupArgs.Render(group.Output.RayStartCommand, group.Manifest, group.Profile);

        private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<GroupArgs, ContainerProgram> Cache = new();

        /// <summary>The program of <paramref name="group"/>, built once per group and shared by the rules that need it.</summary>
        public static ContainerProgram For(GroupArgs group) => Cache.GetValue(group, Build);

        private static ContainerProgram Build(GroupArgs group)
        {
            if (group.IsGenerated)
            {
                var joined = new ShellText(group.JoinedParse, group.Locate, 0);
                return new ContainerProgram(group, group.Elements, group.Elements.Any(e => e.IsCommand), null, null, null, ShellProgram.Walk(joined));
            }

            bool hasCommand = group.Elements.Any(e => e.IsCommand);
            IReadOnlyList<ArgElement> argv = group.Elements;
            string?[] words = argv.Select(e => (string?)e.Value).ToArray();
            KnownShell? shell = KnownShell.Find(words, ExecWrappers(words));
            if (shell is not { ScriptIndex: { } index })
            {
                return new ContainerProgram(group, argv, hasCommand, shell, null, null, null);
            }

            ArgElement element = argv[index];
            KubeletExpansion expansion = KubeletExpansion.Expand(element.Value, Resolver(group));
            ShellProgram program = ShellProgram.Walk(expansion.Text, shell.Dialect, (start, end) =>
            {
                (int from, int to) = expansion.ToSource(start, end);
                return element.Map.Locate(from, Math.Max(to, from + 1));
            });
            return new ContainerProgram(group, argv, hasCommand, shell, element, expansion, program);
        }

        /// <summary>The kubelet's view of the container's env: user env plus what KubeRay appends.</summary>
        private static Func<string, string?> Resolver(GroupArgs group)
        {
            ContainerModel container = ClusterBuilder.RayContainer(group.Group, group.Profile);
            var names = new HashSet<string>(container.Env.Select(e => e.Name).Concat(group.Output.AddedEnv.Select(e => e.Name)), StringComparer.Ordinal);
            string? startCommand = null;
            return name =>
            {
                if (!names.Contains(name))
                {
                    return null;
                }

                if (name == RayCommands.StartCommandVariable && group.Profile.OverwriteAnnotation)
                {
                    return startCommand ??= StartCommandValue(group);
                }

                return KubeletExpansion.OpaqueWord;
            };
        }
    }
}
