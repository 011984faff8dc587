/* admin-test-util.h — the administrator pages' tests: log in, show a page, find its dialogs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "agent-application.h"
#include "test-app-util.h"
#include "test-sandbox-control.h"

G_BEGIN_DECLS

#define ADMIN_ACCOUNT  "100008899"
#define ADMIN_PASSWORD "800ing-admin"
#define AGENT_ACCOUNT  "100008800"
#define AGENT_PASSWORD "02367073578"
#define ADMIN_WAIT_MS  20000

typedef struct
{
  TestSandbox *sandbox;
  const char  *server;
  goffset      trace_offset;
  gpointer     data;
} AdminFixture;

void              admin_fixture_setup     (AdminFixture     *f,
                                           gconstpointer     data);
void              admin_fixture_teardown  (AdminFixture     *f,
                                           gconstpointer     data);

/* Runs the application logged in as @account (--password-file), @body once logged in. */
void              admin_run               (AdminFixture     *f,
                                           const char       *account,
                                           const char       *password,
                                           TestAppBody       body);

/* show-page @name; waits for its page-shown and returns the page and its rows. */
GtkWidget        *admin_show_page         (AdminFixture     *f,
                                           AgentApplication *app,
                                           const char       *name,
                                           gint64           *out_rows);
JsonObject       *admin_wait_trace        (AdminFixture     *f,
                                           GPtrArray       **lines,
                                           const char       *event,
                                           const char       *field,
                                           const char       *value);

/* The visible message dialog that carries @css_class, waited for. */
AdwMessageDialog *admin_wait_dialog       (AgentApplication *app,
                                           const char       *css_class);
AdwMessageDialog *admin_find_dialog       (AgentApplication *app,
                                           const char       *css_class);
/* A window of @type (an editor), waited for. */
GtkWindow        *admin_wait_window       (AgentApplication *app,
                                           GType             type);
/* The first descendant of @widget of @type (depth first), or NULL. */
gpointer          admin_find_descendant   (GtkWidget        *widget,
                                           GType             type);
/* Whether some label under @widget shows text containing @text. */
gboolean          admin_has_label         (GtkWidget        *widget,
                                           const char       *text);

/* A client of its own, and a way to wait for its answers. */
BbhClient        *admin_client_new        (AdminFixture     *f,
                                           const char       *account,
                                           const char       *password);
GAsyncResult     *admin_wait_result       (GAsyncResult    **slot);
void              admin_store_result_cb   (GObject          *object,
                                           GAsyncResult     *result,
                                           gpointer          user_data);
GListModel       *admin_get_blacklists    (BbhClient        *client);
GListModel       *admin_get_extensions    (BbhClient        *client);

/* Requests of @method the sandbox served (from GET /sandbox/requests). */
GPtrArray        *admin_requests          (AdminFixture     *f,
                                           const char       *method);

G_END_DECLS
