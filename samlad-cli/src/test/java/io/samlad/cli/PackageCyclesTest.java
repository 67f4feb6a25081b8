package io.samlad.cli;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import org.junit.jupiter.api.Test;

/**
 * No two packages of any module depend on each other, directly or round a longer loop. The CLI sees every module, so
 * the whole tree is checked here; samlad-core's own {@code ArchitectureTest} also checks the layers.
 */
class PackageCyclesTest {
    @Test
    void noPackageCyclesInAnyModule() {
        JavaClasses all = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.samlad");
        for (String module : new String[] {"io.samlad.Samlad", "io.samlad.data.Dataset", "io.samlad.eval.Evaluator",
                "io.samlad.onnx.OnnxModels", "io.samlad.server.InspectionServer", "io.samlad.cli.SamladCommand"}) {
            assertThat(all.contain(module)).as("classes of every module are checked: " + module).isTrue();
        }
        slices().assignedFrom(new SliceAssignment() {
            @Override
            public SliceIdentifier getIdentifierOf(JavaClass c) {
                return c.getPackageName().startsWith("io.samlad") ? SliceIdentifier.of(c.getPackageName())
                        : SliceIdentifier.ignore();
            }

            @Override
            public String getDescription() {
                return "packages of samlad";
            }
        }).should().beFreeOfCycles().check(all);
    }
}
