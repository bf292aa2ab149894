package dev.attest.it.security;

import jakarta.ejb.EJB;
import jakarta.servlet.annotation.HttpConstraint;
import jakarta.servlet.annotation.ServletSecurity;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;

/** Only for audit viewers: the container answers 403 to other users. */
@WebServlet("/viewer/page")
@ServletSecurity(@HttpConstraint(rolesAllowed = "audit-viewer"))
public class ViewerServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @EJB
    transient ViewerBean bean;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.getWriter().print("viewer page");
    }
}
