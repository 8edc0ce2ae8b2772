using System.Collections.Generic;
using System.Linq;
using RayGen.KubeRay;
using RayGen.Shell;
using RayGen.Yaml;

namespace RayGen.Analysis
{
    /// <summary>
    /// The command sequences of one group's pod (rules.md groups A, B and F): the Ray container's postStart and
    /// preStop hooks, its command (generated-mode <c>joined</c>, or the exec form in suppressed/overwrite mode),
    /// and every init container's command, each walked by <see cref="ScriptFlow"/>; and the Ray container's
    /// <see cref="ShellProgram"/> (what groups A and B read). ConfigMap scripts are resolved through one
    /// <see cref="ScriptResolver"/> for all of them, and each script text is parsed once
    /// (<see cref="ScriptLanguage.Parse"/>).
    /// </summary>
    internal sealed class GroupScripts
    {
        private GroupScripts(GroupArgs group, ScriptFile file, OperatorSettings settings)
        {
            Group = group;
            File = file;
            Settings = settings;
        }

        public GroupArgs Group { get; }

        /// <summary>The file of the group's manifest.</summary>
        public ScriptFile File { get; }

        public OperatorSettings Settings { get; }

        /// <summary>The postStart <c>exec.command</c> node of the Ray container, if any.</summary>
        public YamlNode? PostStartCommand { get; private set; }

        public FlowResult? PostStart { get; private set; }

        /// <summary>The Ray container's own command: <see cref="ExecPlace.Joined"/> or <see cref="ExecPlace.Command"/>.</summary>
        public FlowResult? Command { get; private set; }

        public List<FlowResult> Flows { get; } = new();

        /// <summary>
        /// The Ray container's program (<see cref="ContainerProgram"/>) with the ConfigMap scripts it runs or sources
        /// walked in place (groups A and B); for an exec-form command that runs a script file, the script's program.
        /// Null when the container runs no shell text RayGen can read, or it is templated.
        /// </summary>
        public ShellProgram? Program { get; private set; }

        /// <summary>False when a ConfigMap lookup could still change with files the index did not hold.</summary>
        public bool Settled { get; private set; }

        public IEnumerable<ScriptEvent> Scripts => Flows.SelectMany(f => f.Scripts);

        public static GroupScripts Analyze(GroupArgs group, ScriptFile file, ConfigMapIndex index, OperatorSettings settings)
        {
            var result = new GroupScripts(group, file, settings);
            var resolver = new ScriptResolver(index);
            bool startBlocks = group.Profile.OverwriteAnnotation; // KUBERAY_GEN_RAY_START_CMD always has --block (1.1.0+)
            YamlNode? podSpec = group.GroupNode.Get("template")?.Get("spec");
            string? ns = group.Manifest.Namespace;

            if (group.ContainerNode is { Kind: YamlNodeKind.Mapping } container)
            {
                var pod = new PodContext(file, container, podSpec, ns);
                YamlNode? lifecycle = container.Get("lifecycle");
                if (lifecycle?.Get("postStart")?.Get("exec")?.Get("command") is { Kind: YamlNodeKind.Sequence } postStart)
                {
                    result.PostStartCommand = postStart;
                    result.PostStart = ScriptFlow.RunExec(Args(file, postStart.Items), ExecPlace.PostStart, pod, resolver, startBlocks);
                    result.Flows.Add(result.PostStart);
                }

                if (lifecycle?.Get("preStop")?.Get("exec")?.Get("command") is { Kind: YamlNodeKind.Sequence } preStop)
                {
                    result.Flows.Add(ScriptFlow.RunExec(Args(file, preStop.Items), ExecPlace.PreStop, pod, resolver, startBlocks));
                }

                if (group.IsGenerated)
                {
                    if (group.Joined.Trim().Length > 0)
                    {
                        result.Command = ScriptFlow.RunShell(new ScriptSource(group.Joined, new JoinedTextMap(group, file)), group.JoinedParse, ExecPlace.Joined, pod, resolver, startBlocks);
                    }
                }
                else if (group.Elements.Count > 0 && group.Elements[0].IsCommand)
                {
                    // Suppressed or overwrite mode: Kubernetes runs command + args in exec form (args alone go to the image ENTRYPOINT).
                    result.Command = ScriptFlow.RunExec(Args(file, group.Elements.Select(e => e.Node)), ExecPlace.Command, pod, resolver, startBlocks);
                }

                if (result.Command is not null)
                {
                    result.Flows.Add(result.Command);
                }

                result.Program = ContainerProgramWithScripts(group, file, new ScriptReader(resolver, pod));
            }

            if (podSpec?.Get("initContainers") is { Kind: YamlNodeKind.Sequence } inits)
            {
                foreach (YamlNode init in inits.Items.Where(i => i.Kind == YamlNodeKind.Mapping))
                {
                    if (init.Get("command") is not { Kind: YamlNodeKind.Sequence } command)
                    {
                        continue;
                    }

                    IEnumerable<YamlNode> words = command.Items.Concat(init.Get("args") is { Kind: YamlNodeKind.Sequence } args ? args.Items : Enumerable.Empty<YamlNode>());
                    var pod = new PodContext(file, init, podSpec, ns);
                    result.Flows.Add(ScriptFlow.RunExec(Args(file, words), ExecPlace.InitContainer, pod, resolver, startBlocks));
                }
            }

            result.Settled = resolver.Settled;
            return result;
        }

        /// <summary>A span of <paramref name="text"/> as a location (the text may be a script in another file).</summary>
        public SourceRef Ref(ShellText text, SourceSpan span) => new(text.File ?? File, span);

        /// <summary>A span of the manifest.</summary>
        public SourceRef Ref(SourceSpan span) => File.Ref(span);

        /// <summary>
        /// Where a group A/B rule reports a finding at <paramref name="span"/> of <paramref name="text"/> (rules.md RAY0070
        /// "Location"): in the manifest's own text, the finding itself; inside a resolved script, the outermost script
        /// reference in the manifest, with the finding (in the ConfigMap) as <c>Inner</c>, an additional location.
        /// </summary>
        public (SourceRef Primary, SourceRef? Inner, ScriptVia? Via) Place(ShellText text, SourceSpan span)
        {
            SourceRef at = Ref(text, span);
            return text.Via is { } via ? (via.Reference, at, via) : (at, null, null);
        }

        /// <summary>Whether a Ray-dependent command counts on this group (§0.7 worker guard).</summary>
        public bool Counts(RayUseEvent use) => use.Info.Counts(Group.IsHead, Settings.EnableInitContainerInjection);

        private static ShellProgram? ContainerProgramWithScripts(GroupArgs group, ScriptFile file, ScriptReader scripts)
        {
            ContainerProgram container = ContainerProgram.For(group);
            if (container.IsTemplated)
            {
                return null;
            }

            if (container.Program is { } program)
            {
                return ShellProgram.Walk(program.Root, scripts);
            }

            List<FlowArg> argv = Args(file, container.Argv.Select(e => e.Node));
            if (argv.Count != container.Argv.Count)
            {
                return null;
            }

            string?[] words = argv.Select(a => a.Value).ToArray();
            return ShellProgram.WalkExec(words, ContainerProgram.ExecWrappers(words), argv.Select(a => a.Location).ToList(), scripts);
        }

        /// <summary>Exec-form elements; each is located at its value (inside the quotes when the scalar maps precisely).</summary>
        private static List<FlowArg> Args(ScriptFile file, IEnumerable<YamlNode> items)
        {
            var args = new List<FlowArg>();
            foreach (YamlNode item in items.Where(i => i.Kind == YamlNodeKind.Scalar))
            {
                string value = item.IsNull ? string.Empty : item.Value;
                var map = new ScalarTextMap(file, item);
                SourceRef location = value.Length > 0 && map.IsPrecise ? map.Locate(0, value.Length) : file.Ref(item.Span);
                args.Add(new FlowArg(value, location, new ScriptSource(value, map)));
            }

            return args;
        }
    }
}
