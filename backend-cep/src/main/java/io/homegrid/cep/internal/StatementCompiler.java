package io.homegrid.cep.internal;

import java.util.List;

import com.espertech.esper.common.client.EPCompiled;
import com.espertech.esper.compiler.client.CompilerArguments;
import com.espertech.esper.compiler.client.EPCompileException;
import com.espertech.esper.compiler.client.EPCompiler;
import com.espertech.esper.compiler.client.EPCompilerProvider;
import com.espertech.esper.runtime.client.EPDeployException;
import com.espertech.esper.runtime.client.EPRuntime;

import io.homegrid.cep.InvalidStatementException;

/**
 * Compiles EPL once for all households. Statements refer to the built-in module's public
 * schemas, so they are compiled against a reference runtime's path: the built-in module is
 * deployed there, and that runtime never sees a reading. Household admins write EPL, so every
 * module, built-in ones included, passes three checks: {@link StatementRules} before compiling,
 * the restricted compiler configuration with its {@link ClassAllowList} while compiling, and
 * {@link GeneratedCodeCheck} on what was compiled.
 */
public final class StatementCompiler implements AutoCloseable {

    private final EsperRuntimes runtimes;
    private final EPRuntime reference;
    private final EPCompiler compiler = EPCompilerProvider.getCompiler();
    private final StatementRules rules;

    public StatementCompiler(EsperRuntimes runtimes) {
        this.runtimes = runtimes;
        this.reference = runtimes.reference();
        this.rules = new StatementRules(compiler, runtimes.compilerConfiguration());
    }

    /**
     * Compiles a statement under its name, which travels in the EPL as Esper wants it.
     *
     * @throws InvalidStatementException naming what is not allowed, or with Esper's message
     */
    public EPCompiled compile(String name, String epl) throws InvalidStatementException {
        // Checked as written first, so that what is refused is named even where the added name
        // would turn it into a syntax error (an import must come before any annotation).
        rules.check(epl);
        // A quote or backslash in the name would end or escape the annotation's string.
        return compile("@name('" + name.replace("'", "").replace("\\", "") + "') " + epl);
    }

    /** @throws InvalidStatementException naming what is not allowed, or with Esper's message, which says where and why */
    public synchronized EPCompiled compile(String epl) throws InvalidStatementException {
        rules.check(epl);
        CompilerArguments arguments = new CompilerArguments(runtimes.compilerConfiguration());
        arguments.getPath().add(reference.getRuntimePath());
        ClassAllowList allowList = runtimes.allowList();
        allowList.clear();
        EPCompiled compiled;
        try {
            compiled = compiler.compile(epl, arguments);
        } catch (EPCompileException e) {
            List<String> refused = allowList.refused();
            throw new InvalidStatementException(refused.isEmpty() ? e.getMessage()
                    : String.join(", ", refused) + " is not allowed in a statement");
        }
        GeneratedCodeCheck.check(compiled);
        return compiled;
    }

    /** Compiles a module and deploys it on the reference runtime, so that later EPL can use its public types. */
    public EPCompiled compileShared(String module) throws InvalidStatementException, EPDeployException {
        EPCompiled compiled = compile(module);
        reference.getDeploymentService().deploy(compiled);
        return compiled;
    }

    @Override
    public void close() {
        reference.destroy();
    }
}
