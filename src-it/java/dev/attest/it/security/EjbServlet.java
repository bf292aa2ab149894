package dev.attest.it.security;

import jakarta.ejb.EJB;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;

/** Calls {@link ViewerBean} as whoever is logged in: the bean refuses users without audit-viewer. */
@WebServlet("/secured/ejb")
public class EjbServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @EJB
    transient ViewerBean bean;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.getWriter().print(bean.secret());
    }
}
