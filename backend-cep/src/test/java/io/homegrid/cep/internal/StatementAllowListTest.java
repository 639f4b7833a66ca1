package io.homegrid.cep.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import io.homegrid.cep.CepSettings;
import io.homegrid.cep.InvalidStatementException;

/** What a household admin's EPL may and may not do, through the compiler the engine uses. */
class StatementAllowListTest {

    private final StatementCompiler compiler = new StatementCompiler(new EsperRuntimes(CepSettings.DEFAULT));

    @BeforeEach
    void givenTheBuiltInsCompiledWithTheSameRestrictions() {
        BuiltInStatements.read().compile(compiler);
    }

    @AfterEach
    void close() {
        compiler.close();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            system properties          | select java.lang.System.getProperty('user.home') from PowerReading                      | java.lang.System is not allowed
            system by import           | select System.getenv('HOME') from PowerReading                                          | java.lang.System is not allowed
            management beans           | select java.lang.management.ManagementFactory.getRuntimeMXBean().getName() from PowerReading | java.lang.management.ManagementFactory is not allowed
            runtime exec               | select java.lang.Runtime.getRuntime().exec('touch /tmp/pwned') from PowerReading         | java.lang.Runtime is not allowed
            new file                   | select new java.io.File('/etc/passwd').canRead() from PowerReading                       | java.io.File is not allowed
            class for name             | select java.lang.Class.forName('java.lang.Runtime') from PowerReading                    | java.lang.Class is not allowed
            for name through getClass  | select gateway.getClass().forName('java.lang.Runtime') from PowerReading                 | java.lang.Class.forName is not allowed
            class loader of a value    | select gateway.getClass().getClassLoader() from PowerReading                             | java.lang.Class.getClassLoader is not allowed
            property through a boxed type | select Integer.getInteger('user.home') from PowerReading                              | java.lang.Integer.getInteger is not allowed
            bean schema of any class   | create schema Launcher as java.lang.ProcessBuilder                                       | java.lang.ProcessBuilder is not allowed
            cast to any class          | select cast(gateway, java.lang.Thread) from PowerReading                                 | java.lang.Thread is not allowed
            json class                 | @JsonSchema(className='java.lang.ProcessBuilder') create json schema Launcher(command string) | java.lang.ProcessBuilder is not allowed
            variable of any class      | create variable java.lang.Runtime runtime = null                                         | java.lang.Runtime is not allowed
            static field               | select java.lang.System.out from PowerReading                                            | java.lang.System is not allowed
            stalling the household     | select gateway.wait() from PowerReading                                                  | java.lang.Object.wait is not allowed
            import                     | import java.lang.reflect.*; select 1 from PowerReading                                  | import java.lang.reflect.* is not allowed
            script expression          | expression string js:f() [ java.lang.Runtime.getRuntime().exec('id') ] select f() from PowerReading | a script expression is not allowed
            create script expression   | create expression double js:twice(a) [ a * 2 ]                                          | a script expression is not allowed
            setting a setting          | on PowerReading set peakLimit = 0                                                       | setting a variable (on … set) is not allowed
            setting in a second statement | select gateway from PowerReading; on PowerReading set switchThreshold = 1e9           | setting a variable (on … set) is not allowed
            updating the readings      | update istream PowerReading set value = 0                                               | updating a stream (update istream) is not allowed
            """)
    void refusesNamingWhat(String attack, String epl, String refused) {
        assertThatThrownBy(() -> compiler.compile("attack", epl)).as(attack)
                .isInstanceOf(InvalidStatementException.class).hasMessageContaining(refused);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "inlined_class \"\"\" public class X { public static String f() { try { Runtime.getRuntime().exec(\"id\"); "
                    + "} catch (Exception e) { } return \"\"; } } \"\"\" select X.f() from PowerReading",
            "create inlined_class \"\"\" public class Y { public static String f() { return System.getProperty(\"user.home\"); } } \"\"\"" })
    void refusesInlinedClasses(String epl) {
        assertThatThrownBy(() -> compiler.compile("attack", epl)).isInstanceOf(InvalidStatementException.class)
                .hasMessageContaining("an inlined class is not allowed");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "select gateway, device, value from PowerReading(value > 17)",
            "select device, Math.abs(value) as magnitude, max(value) as peak, Math.round(avg(value)) from PowerReading#time(1 min)",
            "select sum(value), count(distinct device), stddev(value), median(value) from PowerReading#ext_timed_batch(time, 1 min)",
            "select * from pattern [every a=PowerReading -> b=PowerReading(device=a.device) where timer:within(10 sec)]",
            "select window(*).where(x => x.value > 2).countOf() from PowerReading#length(3)",
            "select time.toDate().getTime(), time.getMinuteOfHour(), gateway.toUpperCase() from PowerReading",
            "select cast(value, int), coalesce(value, 0), device like 'a%', device regexp 'a.*' from PowerReading",
            "select * from PowerReading#groupwin(device)#length(3) match_recognize (measures A.value as a pattern (A B) define B as B.value > A.value)",
            "@Priority(1) select watts from HouseholdPowerMinute where watts > peakLimit",
            "create expression twice { x => x * 2 }",
            "create window Recent#time(10 min) as PowerReading",
            "create variable double myLimit = 5; select gateway from PowerReading(value > myLimit)" })
    void compilesWhatOnlyComputesOnReadings(String epl) throws Exception {
        assertThat(compiler.compile("benign", epl)).isNotNull();
    }
}
