namespace RayGen.Shell
{
    /// <summary>Which shell grammar to parse with.</summary>
    internal enum ShellDialect
    {
        /// <summary>bash 5.2 (KubeRay always runs <c>/bin/bash -c</c>).</summary>
        Bash,

        /// <summary>
        /// POSIX <c>sh</c> as dash implements it (<c>#!/bin/sh</c> scripts; Debian/Ubuntu images link sh to dash).
        /// Bash-only syntax is not recognized: <c>&amp;&gt;</c> is <c>&amp;</c> then <c>&gt;</c>, <c>[[</c> and
        /// <c>function</c> are plain words, and <c>$'..'</c>, <c>&lt;&lt;&lt;</c>, <c>|&amp;</c>, arrays,
        /// <c>((</c>, <c>;&amp;</c> and process substitution do not exist.
        /// </summary>
        Posix,
    }
}
