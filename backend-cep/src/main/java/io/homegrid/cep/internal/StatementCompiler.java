package io.homegrid.cep.internal;

import com.espertech.esper.common.client.EPCompiled;
import com.espertech.esper.compiler.client.CompilerArguments;
import com.espertech.esper.compiler.client.EPCompileException;
import com.espertech.esper.compiler.client.EPCompilerProvider;
import com.espertech.esper.runtime.client.EPDeployException;
import com.espertech.esper.runtime.client.EPRuntime;

import io.homegrid.cep.InvalidStatementException;

/**
 * Compiles EPL once for all households. Statements refer to the built-in module's public
 * schemas, so they are compiled against a reference runtime's path: the built-in module is
 * deployed there, and that runtime never sees a reading.
 */
public final class StatementCompiler implements AutoCloseable {

    private final EsperRuntimes runtimes;
    private final EPRuntime reference;

    public StatementCompiler(EsperRuntimes runtimes) {
        this.runtimes = runtimes;
        this.reference = runtimes.reference();
    }

    /** @throws InvalidStatementException with Esper's message, which says where and why */
    public EPCompiled compile(String epl) throws InvalidStatementException {
        CompilerArguments arguments = new CompilerArguments(runtimes.configuration());
        arguments.getPath().add(reference.getRuntimePath());
        try {
            return EPCompilerProvider.getCompiler().compile(epl, arguments);
        } catch (EPCompileException e) {
            throw new InvalidStatementException(e.getMessage());
        }
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
