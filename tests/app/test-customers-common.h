/* test-customers-common.h — what the customers page's and the customer editor's tests share
 *
 * The real application runs against a real sandbox; the test keeps a BbhClient of its own to
 * look at the server independently of what the application shows.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <unistd.h>
#include <glib/gstdio.h>

#include "agent-application.h"
#include "agent-customer-editor.h"
#include "agent-customer-view.h"
#include "agent-customers-page.h"
#include "agent-phone-row.h"
#include "agent-popup-manager.h"
#include "agent-trace.h"
#include "test-app-util.h"
#include "test-sandbox-control.h"

#define DEMO_ACCOUNT   "100008800"
#define DEMO_PASSWORD  "02367073578"
#define WAIT_MS        20000

typedef struct
{
  TestSandbox *sandbox;
  BbhClient   *client;      /* the test's own view of the server */
  char        *password_file;
  goffset      trace_offset;
  gpointer     data;        /* what a case hands from one application run to the next */
} Fixture;

static inline void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *md5 = bbh_password_md5 (DEMO_PASSWORD);

  f->sandbox = test_sandbox_new ();
  f->client = bbh_client_new (test_sandbox_get_url (f->sandbox), DEMO_ACCOUNT, md5);
  f->password_file = test_write_password_file (DEMO_PASSWORD);
  f->trace_offset = test_trace_offset ();
}

static inline void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->client);
  g_clear_pointer (&f->sandbox, test_sandbox_free);
  g_unlink (f->password_file);
  g_free (f->password_file);
}

static inline void
run_app (Fixture     *f,
         TestAppBody  body)
{
  const char *argv[] = { "--server", test_sandbox_get_url (f->sandbox),
                         "--account", DEMO_ACCOUNT,
                         "--password-file", f->password_file, NULL };

  test_app_run (argv, body, f);
}

/* ---- the server, seen by the test ---- */

typedef struct
{
  gboolean      done;
  GAsyncResult *result;
} Wait;

static inline void
on_wait_done_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  Wait *wait = user_data;

  wait->result = g_object_ref (result);
  wait->done = TRUE;
}

static inline void
wait_done (Wait *wait)
{
  /* The client's own timeout bounds this. */
  while (!wait->done)
    g_main_context_iteration (NULL, TRUE);
}

static inline char *
unique_phone (void)
{
  static guint serial;

  /* A mobile number no demo customer has: 199 plus the pid and a counter. */
  return g_strdup_printf ("199%04u%04u", (guint) getpid () % 10000, ++serial % 10000);
}

static inline void
server_create_customer (Fixture    *f,
                        const char *phone,
                        const char *name,
                        const char *corp)
{
  g_autoptr(BbhCustomerEdit) edit = bbh_customer_edit_new ();
  g_autoptr(GError) error = NULL;
  Wait wait = { 0 };

  bbh_customer_edit_set_name (edit, name);
  bbh_customer_edit_set_corp_name (edit, corp);
  bbh_customer_edit_add_phone (edit, phone, NULL, NULL);
  bbh_client_save_customer_async (f->client, edit, NULL, on_wait_done_cb, &wait);
  wait_done (&wait);
  g_assert_true (bbh_client_save_customer_finish (f->client, wait.result, NULL, &error));
  g_assert_no_error (error);
  g_object_unref (wait.result);
}

/* getcustomer: the customer with @phone, or NULL. */
static inline BbhCustomer *
server_get_customer (Fixture    *f,
                     const char *phone)
{
  g_autoptr(GError) error = NULL;
  Wait wait = { 0 };
  BbhCustomer *customer;

  bbh_client_get_customer_async (f->client, phone, NULL, on_wait_done_cb, &wait);
  wait_done (&wait);
  customer = bbh_client_get_customer_finish (f->client, wait.result, &error);
  g_assert_no_error (error);
  g_object_unref (wait.result);
  return customer;
}

/* getCustomersPage with @query (start 0): the rows, and the total in @out_total. */
static inline GListModel *
server_get_customers (Fixture                *f,
                      const BbhCustomerQuery *query,
                      guint64                *out_total)
{
  g_autoptr(GError) error = NULL;
  Wait wait = { 0 };
  GListModel *rows;

  bbh_client_get_customers_page_async (f->client, query, NULL, on_wait_done_cb, &wait);
  wait_done (&wait);
  rows = bbh_client_get_customers_page_finish (f->client, wait.result, out_total, &error);
  g_assert_no_error (error);
  g_object_unref (wait.result);
  return rows;
}

/* The params of every request of @method the sandbox served, oldest first. */
static inline GPtrArray *
server_requests (Fixture    *f,
                 const char *method)
{
  g_autoptr(JsonNode) root = test_sandbox_dup_requests (f->sandbox);
  GPtrArray *found = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  JsonArray *array = NULL;

  if (JSON_NODE_HOLDS_ARRAY (root))
    array = json_node_get_array (root);
  else if (JSON_NODE_HOLDS_OBJECT (root) &&
           json_object_has_member (json_node_get_object (root), "requests"))
    array = json_object_get_array_member (json_node_get_object (root), "requests");
  g_assert_nonnull (array);

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *request = json_array_get_object_element (array, i);

      if (request != NULL &&
          g_strcmp0 (json_object_get_string_member_with_default (request, "method", ""), method) == 0 &&
          json_object_has_member (request, "params"))
        g_ptr_array_add (found, json_object_ref (json_object_get_object_member (request, "params")));
    }
  return found;
}

static inline const char *
param (JsonObject *params,
       const char *name)
{
  JsonNode *node = json_object_get_member (params, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

/* ---- the application ---- */

static inline void
wait_logged_in (AgentApplication *app)
{
  AgentSession *session = agent_application_get_session (app);
  AgentPopupManager *manager;

  TEST_WAIT_UNTIL (agent_session_get_logged_in (session), WAIT_MS);
  manager = agent_popup_manager_get_for_application (GTK_APPLICATION (app));
  g_assert_nonnull (manager);
  /* Changes are only kept once the outbox is open. */
  TEST_WAIT_UNTIL (agent_popup_manager_get_outbox (manager) != NULL, WAIT_MS);
}

static inline AgentOutbox *
outbox_of (AgentApplication *app)
{
  return agent_popup_manager_get_outbox (agent_popup_manager_get_for_application (GTK_APPLICATION (app)));
}

static inline AgentCustomersPage *
customers_page (AgentApplication *app)
{
  GtkWidget *page = agent_window_get_page (agent_application_get_window (app), "customers");

  g_assert_true (AGENT_IS_CUSTOMERS_PAGE (page));
  return AGENT_CUSTOMERS_PAGE (page);
}

static inline void
wait_list_loaded (AgentCustomersPage *page)
{
  AgentPagedModel *model = agent_customers_page_get_model (page);

  TEST_WAIT_UNTIL (agent_paged_model_get_loaded (model) && !agent_paged_model_get_loading (model),
                   WAIT_MS);
}

/* Shows the page as `show-page customers` does and waits for its first rows. */
static inline AgentCustomersPage *
show_customers (AgentApplication *app)
{
  AgentCustomersPage *page;

  g_action_group_activate_action (G_ACTION_GROUP (app), "show-page",
                                  g_variant_new_string ("customers"));
  page = customers_page (app);
  TEST_WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (page)), WAIT_MS);
  wait_list_loaded (page);
  return page;
}

/* `open-customer PHONE` and wait until the record (or the offer to create one) is shown. */
static inline AgentCustomerView *
open_customer (AgentApplication *app,
               const char       *phone)
{
  AgentCustomerView *view;

  g_action_group_activate_action (G_ACTION_GROUP (app), "open-customer",
                                  g_variant_new_string (phone));
  view = agent_customers_page_get_view (customers_page (app));
  TEST_WAIT_UNTIL (g_strcmp0 (agent_customer_view_get_state (view), "customer") == 0 ||
                   g_strcmp0 (agent_customer_view_get_state (view), "unknown") == 0 ||
                   g_strcmp0 (agent_customer_view_get_state (view), "error") == 0, WAIT_MS);
  return view;
}

static inline gpointer
find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return window;
    }
  return NULL;
}

static inline AgentCustomerEditor *
wait_editor (void)
{
  AgentCustomerEditor *editor = NULL;

  TEST_WAIT_UNTIL ((editor = find_toplevel (AGENT_TYPE_CUSTOMER_EDITOR)) != NULL &&
                   gtk_widget_get_mapped (GTK_WIDGET (editor)), WAIT_MS);
  return editor;
}

/* The trace lines of @event since the test began. */
static inline guint
count_trace (Fixture    *f,
             const char *event,
             const char *field,
             const char *value)
{
  g_autoptr(GPtrArray) lines = test_trace_read (f->trace_offset);
  guint n = 0;

  for (guint i = 0; i < lines->len; i++)
    {
      g_autoptr(GPtrArray) one = g_ptr_array_new ();

      g_ptr_array_add (one, g_ptr_array_index (lines, i));
      if (test_trace_find (one, event, field, value) != NULL)
        n++;
    }
  return n;
}

static inline JsonObject *
wait_trace (Fixture    *f,
            const char *event,
            const char *field,
            const char *value)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) WAIT_MS * 1000;

  for (;;)
    {
      g_autoptr(GPtrArray) lines = test_trace_read (f->trace_offset);
      JsonObject *found = test_trace_find (lines, event, field, value);

      if (found != NULL)
        return json_object_ref (found);
      if (g_get_monotonic_time () > deadline)
        g_error ("No trace event %s %s=%s", event, field ? field : "", value ? value : "");
      test_iterate ();
    }
}
