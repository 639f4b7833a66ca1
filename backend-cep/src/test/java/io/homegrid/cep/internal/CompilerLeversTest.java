package io.homegrid.cep.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import com.espertech.esper.common.client.EPCompiled;
import com.espertech.esper.common.client.configuration.Configuration;
import com.espertech.esper.compiler.client.CompilerArguments;
import com.espertech.esper.compiler.client.EPCompileException;
import com.espertech.esper.compiler.client.EPCompilerProvider;

import io.homegrid.cep.CepSettings;
import io.homegrid.cep.InvalidStatementException;

/**
 * Each line of defence on its own, with the others out of the way: what Esper compiles with
 * the runtimes' configuration, the restricted compiler configuration refuses, and the byte code
 * check refuses even when compiled without it. If a lever is removed, its test here fails.
 */
class CompilerLeversTest {

    /** In a dialect the tests provide: this JVM has no JavaScript engine, but a deployment might. */
    private static final String SCRIPT = "expression string " + ConstantScriptEngine.DIALECT
            + ":f() [ 'x' ] select f() from PowerReading";
    private static final String INLINED = "inlined_class \"\"\" public class Z { public static int f() { return 1; } } \"\"\" "
            + "select Z.f() from PowerReading";
    private static final String PROPERTY = "select java.lang.System.getProperty('user.home') from PowerReading";
    private static final String FOR_NAME = "select gateway.getClass().forName('java.lang.Runtime') from PowerReading";

    private final EsperRuntimes runtimes = new EsperRuntimes(CepSettings.DEFAULT);

    @Test
    void theRuntimesConfigurationAloneWouldCompileEveryAttack() {
        for (String epl : new String[] { SCRIPT, INLINED, PROPERTY, FOR_NAME }) {
            assertThatCode(() -> compile(epl, runtimes.configuration())).as(epl).doesNotThrowAnyException();
        }
    }

    @Test
    void theCompilerConfigurationDisablesScripts() {
        assertThatThrownBy(() -> compile(SCRIPT, runtimes.compilerConfiguration()))
                .isInstanceOf(EPCompileException.class)
                .hasMessageContaining("Script compilation has been disabled by configuration");
    }

    @Test
    void theCompilerConfigurationDisallowsInlinedClasses() {
        assertThatThrownBy(() -> compile(INLINED, runtimes.compilerConfiguration()))
                .isInstanceOf(EPCompileException.class)
                .hasMessageContaining("Inlined-class compilation has been disabled by configuration");
    }

    @Test
    void theCompilerConfigurationResolvesOnlyAllowedClasses() {
        assertThatThrownBy(() -> compile(PROPERTY, runtimes.compilerConfiguration()))
                .isInstanceOf(EPCompileException.class);
        assertThat(runtimes.allowList().refused()).containsExactly("java.lang.System");
    }

    @Test
    void theSettingsAreConstantsNoStatementCanAssign() {
        assertThatThrownBy(() -> compile("on PowerReading set peakLimit = 0", runtimes.configuration()))
                .isInstanceOf(EPCompileException.class).hasMessageContaining("constant");
    }

    @Test
    void theByteCodeCheckRefusesCallsOffTheListWhateverCompiledThem() throws Exception {
        EPCompiled property = compile(PROPERTY, runtimes.configuration());
        EPCompiled forName = compile(FOR_NAME, runtimes.configuration());

        assertThatThrownBy(() -> GeneratedCodeCheck.check(property)).isInstanceOf(InvalidStatementException.class)
                .hasMessage("java.lang.System.getProperty is not allowed in a statement");
        assertThatThrownBy(() -> GeneratedCodeCheck.check(forName)).isInstanceOf(InvalidStatementException.class)
                .hasMessage("java.lang.Class.forName is not allowed in a statement");
    }

    @Test
    void theByteCodeCheckLetsEspersOwnCodeAndValuesThrough() throws Exception {
        GeneratedCodeCheck.check(compile("select gateway.toUpperCase(), Math.abs(value) from PowerReading",
                runtimes.configuration()));
    }

    private EPCompiled compile(String epl, Configuration configuration) throws EPCompileException {
        return EPCompilerProvider.getCompiler().compile(epl, new CompilerArguments(configuration));
    }
}
