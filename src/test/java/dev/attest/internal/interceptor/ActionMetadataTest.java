package dev.attest.internal.interceptor;

import dev.attest.AuditAction;
import dev.attest.AuditTarget;
import dev.attest.Category;
import dev.attest.Redacted;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ActionMetadataTest {

    private static final Predicate<String> NOTHING_SENSITIVE = name -> false;
    private static final Predicate<String> SECRETS = name -> name.toLowerCase().contains("password")
            || name.toLowerCase().contains("token");

    static class Invoices {
        @AuditAction(value = "invoice.approve", reason = "four-eyes check")
        void approve(@AuditTarget("Invoice") long invoiceId, String comment) {
        }

        @AuditAction(value = "invoice.view", category = Category.ACCESS)
        void view(@AuditTarget Object invoice) {
        }

        @AuditAction
        void archive(int year) {
        }

        void unannotated() {
        }
    }

    @AuditAction
    static class Payments {
        void refund(@AuditTarget String paymentId, @Redacted String cardNumber, String apiToken, String note) {
        }

        @AuditAction(value = "payment.capture", category = Category.ACTION)
        void capture() {
        }
    }

    @AuditAction(category = Category.EXPORT, reason = "monthly report")
    static class Reports {
        void export(String month) {
        }
    }

    static class CardPayments extends Payments {
    }

    static class Transfers {
        @AuditAction("transfer")
        void transfer(@AuditTarget String from, @AuditTarget String to, long cents) {
        }
    }

    private static Method method(Class<?> type, String name) {
        for (Method method : type.getDeclaredMethods()) {
            if (method.getName().equals(name)) {
                return method;
            }
        }
        throw new AssertionError(type + " has no method " + name);
    }

    private static ActionMetadata of(Class<?> beanClass, Class<?> declaring, String name, Predicate<String> sensitive) {
        return ActionMetadata.of(beanClass, method(declaring, name), sensitive);
    }

    private static ActionMetadata of(Class<?> beanClass, String name) {
        return of(beanClass, beanClass, name, NOTHING_SENSITIVE);
    }

    @Test
    void theActionNameComesFromTheMethodAnnotation() {
        assertEquals("invoice.approve", of(Invoices.class, "approve").action());
    }

    @Test
    void anEmptyNameOnTheMethodDefaultsToSimpleClassNameAndMethod() {
        assertEquals("Invoices.archive", of(Invoices.class, "archive").action());
    }

    @Test
    void aClassLevelBindingWithAnEmptyNameDefaultsToSimpleClassNameAndMethod() {
        assertEquals("Payments.refund", of(Payments.class, "refund").action());
    }

    @Test
    void theDefaultNameUsesTheBeanClassNotTheDeclaringClass() {
        assertEquals("CardPayments.refund", of(CardPayments.class, Payments.class, "refund", NOTHING_SENSITIVE).action());
    }

    @Test
    void theMethodAnnotationWinsOverTheClassAnnotation() {
        ActionMetadata capture = of(Payments.class, "capture");
        assertEquals("payment.capture", capture.action());
    }

    @Test
    void withoutAnyBindingTheDefaultsApply() {
        ActionMetadata metadata = of(Invoices.class, "unannotated");
        assertEquals("Invoices.unannotated", metadata.action());
        assertEquals(Category.ACTION, metadata.category());
        assertNull(metadata.reason());
    }

    @Test
    void theCategoryIsActionUnlessTheAnnotationSaysOtherwise() {
        assertEquals(Category.ACTION, of(Invoices.class, "approve").category());
        assertEquals(Category.ACCESS, of(Invoices.class, "view").category());
    }

    @Test
    void theCategoryAndReasonOfAClassLevelBindingApplyToItsMethods() {
        ActionMetadata export = of(Reports.class, "export");
        assertEquals("Reports.export", export.action());
        assertEquals(Category.EXPORT, export.category());
        assertEquals("monthly report", export.reason());
    }

    @Test
    void theFixedReasonOfTheAnnotationIsKept() {
        assertEquals("four-eyes check", of(Invoices.class, "approve").reason());
    }

    @Test
    void anEmptyReasonIsNoReason() {
        assertNull(of(Invoices.class, "view").reason());
    }

    @Test
    void parameterNamesAreTheCompiledNames() {
        assertArrayEquals(new String[] {"paymentId", "cardNumber", "apiToken", "note"},
                of(Payments.class, "refund").parameterNames());
    }

    @Test
    void aRedactedParameterIsMasked() {
        assertArrayEquals(new boolean[] {false, true, false, false},
                of(Payments.class, Payments.class, "refund", NOTHING_SENSITIVE).masked());
    }

    @Test
    void aParameterWithASensitiveNameIsMasked() {
        assertArrayEquals(new boolean[] {false, true, true, false},
                of(Payments.class, Payments.class, "refund", SECRETS).masked());
    }

    @Test
    void theSensitivityTestIsAskedAboutEachParameterName() {
        List<String> asked = new ArrayList<>();
        of(Invoices.class, Invoices.class, "approve", name -> {
            asked.add(name);
            return false;
        });
        assertEquals(List.of("invoiceId", "comment"), asked);
    }

    @Test
    void aMethodWithoutParametersHasNothingToMask() {
        ActionMetadata capture = of(Payments.class, "capture");
        assertArrayEquals(new String[0], capture.parameterNames());
        assertArrayEquals(new boolean[0], capture.masked());
    }

    @Test
    void theTargetIsTheAnnotatedParameterWithItsDeclaredType() {
        ActionMetadata approve = of(Invoices.class, "approve");
        assertEquals(0, approve.targetIndex());
        assertEquals("Invoice", approve.targetType());
    }

    @Test
    void aTargetWithoutADeclaredTypeLeavesTheTypeToTheArgument() {
        ActionMetadata view = of(Invoices.class, "view");
        assertEquals(0, view.targetIndex());
        assertNull(view.targetType());
    }

    @Test
    void theTargetIndexIsThePositionOfTheAnnotatedParameter() {
        assertEquals(0, of(Payments.class, "refund").targetIndex());
    }

    @Test
    void withoutATargetTheIndexIsMinusOneAndTheTypeNull() {
        ActionMetadata archive = of(Invoices.class, "archive");
        assertEquals(-1, archive.targetIndex());
        assertNull(archive.targetType());
    }

    @Test
    void twoTargetParametersAreRejectedNamingClassAndMethod() {
        IllegalStateException rejected = assertThrows(IllegalStateException.class,
                () -> of(Transfers.class, "transfer"));
        assertEquals("@AuditTarget is on more than one parameter of "
                + "dev.attest.internal.interceptor.ActionMetadataTest$Transfers.transfer: an action has one target",
                rejected.getMessage());
    }

    @Test
    void theBindingOfAMethodIsItsOwnAnnotation() {
        Method approve = method(Invoices.class, "approve");
        assertSame(approve.getAnnotation(AuditAction.class), ActionMetadata.binding(Invoices.class, approve));
    }

    @Test
    void theBindingOfAnUnannotatedMethodIsFoundOnASuperclass() {
        Method refund = method(Payments.class, "refund");
        assertSame(Payments.class.getAnnotation(AuditAction.class), ActionMetadata.binding(CardPayments.class, refund));
    }

    @Test
    void anUnboundMethodOfAnUnboundClassHasNoBinding() {
        assertNull(ActionMetadata.binding(Invoices.class, method(Invoices.class, "unannotated")));
    }
}
