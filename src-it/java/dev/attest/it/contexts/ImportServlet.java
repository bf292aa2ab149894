package dev.attest.it.contexts;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;

/** A logged-in user starting the nightly import by hand. */
@WebServlet("/secured/import")
public class ImportServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Inject
    transient Importer importer;

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        importer.runNow(request.getParameter("entry"));
        response.getWriter().print("ok");
    }
}
