package dev.attest.it.overhead;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.math.BigDecimal;

/** {@code POST /secured/pay?phase=...&account=...&reference=...}: one transfer in the form the phase names. */
@WebServlet("/secured/pay")
public class PaymentServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Inject
    transient Payments payments;

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        long account = Long.parseLong(request.getParameter("account"));
        String reference = request.getParameter("reference");
        switch (request.getParameter("phase")) {
            case "unaudited" -> payments.unaudited(account, BigDecimal.ONE, reference);
            case "envers" -> payments.envers(account, BigDecimal.ONE, reference);
            case "floor" -> payments.floor(account, BigDecimal.ONE, reference);
            case "attest" -> payments.attest(account, BigDecimal.ONE, reference);
            default -> {
                response.sendError(400, "unknown phase");
                return;
            }
        }
        response.setStatus(204);
    }
}
