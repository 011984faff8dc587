/* test-customers-page.c — the customers page in the real application, against a real sandbox
 *
 * What an agent would notice: the sandbox's customers and their number, searches and filters
 * that change what is asked (GET /sandbox/requests) and what is listed, more rows on scroll,
 * locking and deleting, and `open-customer`.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "test-customers-common.h"

#include "agent-customer-row.h"
#include "agent-customer-slots.h"
#include "agent-phone.h"

/* ---- helpers ---- */

typedef struct
{
  guint reloads;
} Counter;

static void
on_page_loaded_cb (AgentPagedModel *model,
                   guint            start,
                   guint            n_items,
                   Counter         *counter)
{
  if (start == 0)
    counter->reloads++;
}

/* Runs @change, then waits until the list has reloaded (its first page answered again). */
#define RELOAD_AFTER(page, change) \
  G_STMT_START { \
    AgentPagedModel *_model = agent_customers_page_get_model (page); \
    Counter _counter = { 0 }; \
    gulong _id = g_signal_connect (_model, "page-loaded", G_CALLBACK (on_page_loaded_cb), \
                                   &_counter); \
    change; \
    TEST_WAIT_UNTIL (_counter.reloads > 0 && !agent_paged_model_get_loading (_model), WAIT_MS); \
    g_signal_handler_disconnect (_model, _id); \
  } G_STMT_END

static GtkWidget *
child_of (AgentCustomersPage *page,
          const char         *name)
{
  return test_template_child (page, AGENT_TYPE_CUSTOMERS_PAGE, name);
}

static GtkWidget *
filter_of (AgentCustomersPage *page,
           const char         *name)
{
  return test_template_child (agent_customers_page_get_filters (page), AGENT_TYPE_CUSTOMER_FILTERS,
                              name);
}

static void
type_search (AgentCustomersPage *page,
             const char         *text)
{
  gtk_editable_set_text (GTK_EDITABLE (child_of (page, "search_entry")), text);
}

/* The last getCustomersPage the sandbox served. */
static JsonObject *
last_list_request (Fixture *f)
{
  g_autoptr(GPtrArray) requests = server_requests (f, "getCustomersPage");

  g_assert_cmpuint (requests->len, >, 0);
  return json_object_ref (g_ptr_array_index (requests, requests->len - 1));
}

static guint
n_loaded (AgentCustomersPage *page)
{
  return agent_paged_model_get_n_loaded (agent_customers_page_get_model (page));
}

static BbhCustomer *
row (AgentCustomersPage *page,
     guint               position)
{
  BbhCustomer *customer = agent_paged_model_peek_item (agent_customers_page_get_model (page),
                                                       position);

  g_assert_nonnull (customer);
  return customer;
}

static gboolean
has_phone_with (BbhCustomer *customer,
                const char  *digits)
{
  GListModel *phones = bbh_customer_get_phones (customer);

  for (guint i = 0; phones != NULL && i < g_list_model_get_n_items (phones); i++)
    {
      g_autoptr(BbhCustomerPhone) phone = g_list_model_get_item (phones, i);

      if (strstr (bbh_customer_phone_get_phone (phone), digits) != NULL)
        return TRUE;
    }
  return FALSE;
}

/* ---- the list ---- */

static void
list_body (AgentApplication *app,
           gpointer          user_data)
{
  Fixture *f = user_data;
  g_autoptr(BbhCustomerQuery) query = bbh_customer_query_new ();
  g_autoptr(GListModel) expected = NULL;
  g_autoptr(JsonObject) shown = NULL;
  g_autofree char *total_text = NULL;
  AgentCustomersPage *page;
  guint64 total = 0;

  wait_logged_in (app);
  expected = server_get_customers (f, query, &total);
  g_assert_cmpuint (total, >, 50);

  page = show_customers (app);
  g_assert_cmpstr (agent_customers_page_get_state (page), ==, "list");

  /* The sandbox's number of customers, and its first rows in its order. */
  g_assert_cmpuint (agent_paged_model_get_total (agent_customers_page_get_model (page)), ==, total);
  total_text = g_strdup_printf ("%" G_GUINT64_FORMAT " customers", total);
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (child_of (page, "total_label"))), ==, total_text);
  for (guint i = 0; i < 5; i++)
    {
      g_autoptr(BbhCustomer) customer = g_list_model_get_item (expected, i);

      g_assert_cmpint (bbh_customer_get_id (row (page, i)), ==, bbh_customer_get_id (customer));
      g_assert_cmpstr (bbh_customer_get_name (row (page, i)), ==, bbh_customer_get_name (customer));
    }

  /* page-shown counts the rows of the first page: one page, not the whole table. */
  shown = wait_trace (f, "page-shown", "page", "customers");
  g_assert_cmpint (json_object_get_int_member (shown, "rows"), ==, 50);
}

static void
test_list (Fixture       *f,
           gconstpointer  data)
{
  run_app (f, list_body);
}

/* ---- searching ---- */

static void
search_body (AgentApplication *app,
             gpointer          user_data)
{
  Fixture *f = user_data;
  g_autoptr(BbhCustomerQuery) query = bbh_customer_query_new ();
  g_autoptr(GListModel) expected = NULL;
  g_autoptr(BbhCustomer) sample = NULL;
  g_autoptr(JsonObject) request = NULL;
  g_autoptr(GPtrArray) requests = NULL;
  g_autofree char *digits = NULL;
  g_autofree char *corp_part = NULL;
  GtkDropDown *find;
  AgentCustomersPage *page;
  const char *name;

  wait_logged_in (app);
  page = show_customers (app);
  find = GTK_DROP_DOWN (child_of (page, "find_dropdown"));

  /* A customer with a company to look for. */
  expected = server_get_customers (f, query, NULL);
  for (guint i = 0; i < g_list_model_get_n_items (expected) && sample == NULL; i++)
    {
      g_autoptr(BbhCustomer) customer = g_list_model_get_item (expected, i);
      const char *corp = bbh_customer_get_corp_name (customer);

      if (corp != NULL && g_utf8_strlen (corp, -1) >= 6 && bbh_customer_get_phone (customer) != NULL)
        sample = g_steal_pointer (&customer);
    }
  g_assert_nonnull (sample);

  /* By phone: typed digit by digit, digits alone search the numbers; only the last text is
   * asked for. */
  digits = g_strndup (bbh_customer_get_phone (sample), 8);
  RELOAD_AFTER (page, {
    for (guint n = 1; n <= strlen (digits); n++)
      {
        g_autofree char *typed = g_strndup (digits, n);

        type_search (page, typed);
      }
  });
  g_assert_cmpuint (gtk_drop_down_get_selected (find), ==, 1);
  request = last_list_request (f);
  g_assert_cmpstr (param (request, "findType"), ==, "cpPhone");
  g_assert_cmpstr (param (request, "sqlwhere"), ==, digits);
  requests = server_requests (f, "getCustomersPage");
  for (guint i = 0; i < requests->len; i++)
    {
      const char *where = param (g_ptr_array_index (requests, i), "sqlwhere");

      g_assert_true (where == NULL || g_str_equal (where, digits));
    }
  g_assert_cmpuint (n_loaded (page), >, 0);
  for (guint i = 0; i < n_loaded (page); i++)
    g_assert_true (has_phone_with (row (page, i), digits));
  g_clear_pointer (&request, json_object_unref);

  /* By name: words search the names. */
  name = bbh_customer_get_name (sample);
  RELOAD_AFTER (page, type_search (page, name));
  g_assert_cmpuint (gtk_drop_down_get_selected (find), ==, 0);
  request = last_list_request (f);
  g_assert_cmpstr (param (request, "findType"), ==, "custName");
  g_assert_cmpstr (param (request, "sqlwhere"), ==, name);
  g_assert_cmpuint (n_loaded (page), >, 0);
  for (guint i = 0; i < n_loaded (page); i++)
    g_assert_nonnull (strstr (bbh_customer_get_name (row (page, i)), name));
  g_clear_pointer (&request, json_object_unref);

  /* By company, chosen in the drop-down. */
  corp_part = g_utf8_substring (bbh_customer_get_corp_name (sample), 2, 6);
  RELOAD_AFTER (page, gtk_drop_down_set_selected (find, 2));
  RELOAD_AFTER (page, type_search (page, corp_part));
  request = last_list_request (f);
  g_assert_cmpstr (param (request, "findType"), ==, "custCorpName");
  g_assert_cmpstr (param (request, "sqlwhere"), ==, corp_part);
  g_assert_cmpuint (n_loaded (page), >, 0);
  for (guint i = 0; i < n_loaded (page); i++)
    g_assert_nonnull (strstr (bbh_customer_get_corp_name (row (page, i)), corp_part));

  /* Nothing matches: the empty state says so. */
  RELOAD_AFTER (page, type_search (page, "没有这样的公司ZZZ"));
  g_assert_cmpstr (agent_customers_page_get_state (page), ==, "empty");
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (child_of (page, "total_label"))), ==, "0 customers");
}

static void
test_search (Fixture       *f,
             gconstpointer  data)
{
  run_app (f, search_body);
}

/* ---- the list's slots, over a paged model of a fake server ---- */

typedef struct
{
  guint total;      /* what the fake server holds now */
  guint asked;
} FakeServer;

static void
fake_fetch (guint                start,
            guint                limit,
            GCancellable        *cancellable,
            GAsyncReadyCallback  callback,
            gpointer             callback_data,
            gpointer             user_data)
{
  FakeServer *server = user_data;
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, callback_data);
  GListStore *rows = g_list_store_new (BBH_TYPE_CUSTOMER);

  server->asked++;
  for (guint i = start; i < MIN (start + limit, server->total); i++)
    {
      g_autoptr(BbhCustomer) customer = g_object_new (BBH_TYPE_CUSTOMER, NULL);

      g_list_store_append (rows, customer);
    }
  g_task_set_task_data (task, GUINT_TO_POINTER (server->total), NULL);
  g_task_return_pointer (task, rows, g_object_unref);
}

static GListModel *
fake_finish (GAsyncResult  *result,
             guint64       *out_total,
             GError       **error,
             gpointer       user_data)
{
  *out_total = GPOINTER_TO_UINT (g_task_get_task_data (G_TASK (result)));
  return g_task_propagate_pointer (G_TASK (result), error);
}

typedef struct
{
  guint position, removed, added;
  guint n;
} Changes;

static void
on_slots_changed_cb (GListModel *slots,
                     guint       position,
                     guint       removed,
                     guint       added,
                     Changes    *changes)
{
  changes->position = position;
  changes->removed = removed;
  changes->added = added;
  changes->n++;
}

static void
on_slot_notify_cb (AgentCustomerSlot *slot,
                   GParamSpec        *pspec,
                   guint             *told)
{
  (*told)++;
}

static void
reload_fake (AgentPagedModel *model,
             FakeServer      *server,
             guint            total)
{
  guint asked = server->asked;

  server->total = total;
  agent_paged_model_reload (model);
  TEST_WAIT_UNTIL (server->asked > asked && !agent_paged_model_get_loading (model), WAIT_MS);
}

static void
test_slots (void)
{
  FakeServer server = { 0 };
  AgentPagedModel *model = agent_paged_model_new (BBH_TYPE_CUSTOMER, 50);
  AgentCustomerSlots *slots;
  AgentCustomerSlot *first, *again;
  Changes changes = { 0 };
  guint told = 0;

  agent_paged_model_set_fetch_func (model, fake_fetch, fake_finish, &server, NULL);
  agent_paged_model_set_auto_fetch (model, FALSE);
  slots = agent_customer_slots_new (model);
  g_signal_connect (slots, "items-changed", G_CALLBACK (on_slots_changed_cb), &changes);

  reload_fake (model, &server, 1000);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (slots)), ==, 1000);
  g_assert_cmpuint (changes.n, ==, 1);
  first = g_list_model_get_item (G_LIST_MODEL (slots), 0);
  g_assert_true (agent_customer_slot_get_customer (first) == agent_paged_model_peek_item (model, 0));
  again = g_list_model_get_item (G_LIST_MODEL (slots), 60);
  g_assert_null (agent_customer_slot_get_customer (again));   /* its page is not there */
  g_clear_object (&again);
  g_signal_connect (first, "notify::customer", G_CALLBACK (on_slot_notify_cb), &told);

  /* Another answer: the model empties and fills again; the slots keep their places, take the
   * new customers, and only the rows past the new end go — in one change. */
  changes.n = 0;
  reload_fake (model, &server, 300);
  g_assert_cmpuint (changes.n, ==, 1);
  g_assert_cmpuint (changes.position, ==, 300);
  g_assert_cmpuint (changes.removed, ==, 700);
  g_assert_cmpuint (changes.added, ==, 0);
  again = g_list_model_get_item (G_LIST_MODEL (slots), 0);
  g_assert_true (again == first);
  g_clear_object (&again);
  g_assert_cmpuint (told, ==, 1);
  g_assert_true (agent_customer_slot_get_customer (first) == agent_paged_model_peek_item (model, 0));

  /* A limit holds the rows back, and lets them in when lifted. */
  changes.n = 0;
  agent_customer_slots_set_limit (slots, 10);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (slots)), ==, 10);
  g_assert_cmpuint (changes.position, ==, 10);
  g_assert_cmpuint (changes.removed, ==, 290);
  agent_customer_slots_set_limit (slots, G_MAXUINT);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (slots)), ==, 300);
  g_assert_cmpuint (changes.added, ==, 290);
  g_assert_cmpuint (changes.n, ==, 2);

  /* Rows refreshed in place say so, without a change to the list. */
  agent_customer_slots_refresh (slots);
  g_assert_cmpuint (told, ==, 2);
  g_assert_cmpuint (changes.n, ==, 2);

  /* An empty answer empties the slots once the main loop runs. */
  changes.n = 0;
  reload_fake (model, &server, 0);
  TEST_WAIT_UNTIL (g_list_model_get_n_items (G_LIST_MODEL (slots)) == 0, WAIT_MS);
  g_assert_cmpuint (changes.n, ==, 1);
  g_assert_cmpuint (changes.removed, ==, 300);

  g_signal_handlers_disconnect_by_data (first, &told);
  g_assert_finalize_object (first);
  g_signal_handlers_disconnect_by_data (slots, &changes);
  g_assert_finalize_object (slots);
  g_assert_finalize_object (model);
}

/* ---- searching fast ---- */

/* The row widget at the top of the list. */
static GtkWidget *
top_row (AgentCustomersPage *page)
{
  GtkWidget *list = child_of (page, "list_view");

  for (GtkWidget *item = gtk_widget_get_first_child (list); item != NULL;
       item = gtk_widget_get_next_sibling (item))
    {
      GtkWidget *row = gtk_widget_get_first_child (item);

      if (AGENT_IS_CUSTOMER_ROW (row))
        return row;
    }
  return NULL;
}

static const char *
row_name (GtkWidget *row)
{
  return gtk_label_get_label (test_template_child (row, AGENT_TYPE_CUSTOMER_ROW, "name_label"));
}

static guint
count_searches (Fixture    *f,
                const char *text)
{
  g_autoptr(GPtrArray) requests = server_requests (f, "getCustomersPage");
  guint n = 0;

  for (guint i = 0; i < requests->len; i++)
    if (g_strcmp0 (param (g_ptr_array_index (requests, i), "sqlwhere"), text) == 0)
      n++;
  return n;
}

static void
on_loading_cb (AgentPagedModel *model,
               GParamSpec      *pspec,
               gboolean        *asked)
{
  if (agent_paged_model_get_loading (model))
    *asked = TRUE;
}

/* Runs what the main loop has ready, without waiting for any timer; returns whether the list
 * was asked for meanwhile. */
static gboolean
drain (AgentPagedModel *model)
{
  gboolean asked = FALSE;
  gulong id = g_signal_connect (model, "notify::loading", G_CALLBACK (on_loading_cb), &asked);

  for (guint i = 0; i < 1000 && !asked && g_main_context_pending (NULL); i++)
    g_main_context_iteration (NULL, FALSE);
  g_signal_handler_disconnect (model, id);
  return asked;
}

static void
search_fast_body (AgentApplication *app,
                  gpointer          user_data)
{
  Fixture *f = user_data;
  g_autoptr(BbhCustomerQuery) query = bbh_customer_query_new ();
  g_autoptr(GListModel) broad = NULL;
  g_autoptr(GListModel) all = NULL;
  g_autoptr(JsonObject) request = NULL;
  AgentCustomersPage *page;
  AgentPagedModel *model;
  GtkListView *list;
  GtkWidget *top;
  guint64 total = 0;
  gint64 typed;

  wait_logged_in (app);
  page = show_customers (app);
  model = agent_customers_page_get_model (page);
  list = GTK_LIST_VIEW (child_of (page, "list_view"));
  TEST_WAIT_UNTIL (g_list_model_get_n_items (G_LIST_MODEL (gtk_list_view_get_model (list))) ==
                   g_list_model_get_n_items (G_LIST_MODEL (model)), WAIT_MS);
  TEST_WAIT_UNTIL ((top = top_row (page)) != NULL &&
                   g_strcmp0 (row_name (top), bbh_customer_get_name (row (page, 0))) == 0, WAIT_MS);
  g_object_add_weak_pointer (G_OBJECT (top), (gpointer *) &top);

  /* A name is asked for as soon as it is typed: no timer stands between. */
  type_search (page, "王");
  g_assert_true (drain (model));
  TEST_WAIT_UNTIL (agent_paged_model_get_loaded (model) && !agent_paged_model_get_loading (model),
                   WAIT_MS);
  request = last_list_request (f);
  g_assert_cmpstr (param (request, "sqlwhere"), ==, "王");
  g_clear_pointer (&request, json_object_unref);

  /* The answer relabels the rows on screen rather than building them again, and only the
   * pages on screen are asked for (not every page of the new answer). */
  TEST_WAIT_UNTIL (top != NULL && g_strcmp0 (row_name (top), bbh_customer_get_name (row (page, 0))) == 0,
                   WAIT_MS);
  g_assert_true (top == top_row (page));
  g_object_remove_weak_pointer (G_OBJECT (top), (gpointer *) &top);
  g_assert_nonnull (strstr (row_name (top), "王"));
  g_assert_cmpuint (count_searches (f, "王"), <=, 2);
  g_assert_cmpuint (n_loaded (page), <=, 100);

  /* The first digits of a number match nearly everyone: they wait for a pause. */
  typed = g_get_monotonic_time ();
  type_search (page, "13");
  g_assert_false (drain (model));
  TEST_WAIT_UNTIL (count_searches (f, "13") == 1, WAIT_MS);
  g_assert_cmpint (g_get_monotonic_time () - typed, >=, 300 * 1000);
  TEST_WAIT_UNTIL (!agent_paged_model_get_loading (model), WAIT_MS);
  type_search (page, "138");
  g_assert_true (drain (model));
  TEST_WAIT_UNTIL (!agent_paged_model_get_loading (model), WAIT_MS);
  request = last_list_request (f);
  g_assert_cmpstr (param (request, "sqlwhere"), ==, "138");
  g_assert_cmpuint (n_loaded (page), >, 0);
  for (guint i = 0; i < n_loaded (page); i++)
    g_assert_true (has_phone_with (row (page, i), "138"));
  g_clear_pointer (&request, json_object_unref);

  /* A number written as the list writes it is searched as digits, and each row shows the
   * customer's number that has them, whichever of the customer's numbers that is. */
  RELOAD_AFTER (page, type_search (page, "138 1"));
  request = last_list_request (f);
  g_assert_cmpstr (param (request, "sqlwhere"), ==, "1381");
  g_assert_cmpuint (n_loaded (page), >, 0);
  TEST_WAIT_UNTIL ((top = top_row (page)) != NULL &&
                   g_strcmp0 (row_name (top), bbh_customer_get_name (row (page, 0))) == 0, WAIT_MS);
  {
    GListModel *phones = bbh_customer_get_phones (row (page, 0));
    g_autofree char *shown = NULL;

    for (guint i = 0; i < g_list_model_get_n_items (phones) && shown == NULL; i++)
      {
        g_autoptr(BbhCustomerPhone) phone = g_list_model_get_item (phones, i);

        if (strstr (bbh_customer_phone_get_phone (phone), "1381") != NULL)
          shown = agent_phone_format (bbh_customer_phone_get_phone (phone));
      }
    g_assert_nonnull (shown);
    g_assert_true (g_str_has_prefix (gtk_label_get_label (test_template_child (top, AGENT_TYPE_CUSTOMER_ROW,
                                                                               "detail_label")),
                                     shown));
  }

  /* A number many customers have: the first page (found newest first, customer by customer)
   * is the start of the whole list of matches (found in one pass over the numbers). */
  bbh_customer_query_set_search (query, BBH_CUSTOMER_FIND_PHONE, "1");
  bbh_customer_query_set_page (query, 0, 1);
  g_object_unref (server_get_customers (f, query, &total));
  g_assert_cmpuint (total, >=, 100);
  bbh_customer_query_set_page (query, 0, (guint) total / 40);
  broad = server_get_customers (f, query, NULL);
  bbh_customer_query_set_page (query, 0, (guint) total);
  all = server_get_customers (f, query, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (broad), ==, total / 40);
  g_assert_cmpuint (g_list_model_get_n_items (all), ==, total);
  for (guint i = 0; i < g_list_model_get_n_items (broad); i++)
    {
      g_autoptr(BbhCustomer) a = g_list_model_get_item (broad, i);
      g_autoptr(BbhCustomer) b = g_list_model_get_item (all, i);

      g_assert_cmpint (bbh_customer_get_id (a), ==, bbh_customer_get_id (b));
      g_assert_true (has_phone_with (a, "1"));
    }
}

static void
test_search_fast (Fixture       *f,
                  gconstpointer  data)
{
  run_app (f, search_fast_body);
}

/* ---- filters ---- */

static GListModel *
server_codes (Fixture    *f,
              const char *code_type)
{
  g_autoptr(GError) error = NULL;
  Wait wait = { 0 };
  GListModel *codes;

  bbh_client_get_codes_async (f->client, code_type, NULL, on_wait_done_cb, &wait);
  wait_done (&wait);
  codes = bbh_client_get_codes_finish (f->client, wait.result, NULL, &error);
  g_assert_no_error (error);
  g_object_unref (wait.result);
  return codes;
}

static void
filter_body (AgentApplication *app,
             gpointer          user_data)
{
  Fixture *f = user_data;
  g_autoptr(GListModel) statuses = server_codes (f, "custStatus");
  g_autoptr(BbhCode) code = NULL;
  g_autoptr(BbhCustomerQuery) query = bbh_customer_query_new ();
  g_autoptr(JsonObject) request = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) then = g_date_time_add_days (now, -400);
  g_autoptr(GDateTime) yesterday = g_date_time_add_days (now, -1);
  g_autoptr(GDateTime) later = g_date_time_add_days (now, 5);
  g_autoptr(GDateTime) march = g_date_time_new_local (2026, 3, 1, 12, 0, 0);
  g_autoptr(GDateTime) april = g_date_time_new_local (2026, 4, 15, 12, 0, 0);
  g_autofree char *then_text = g_date_time_format (then, "%x");
  g_autofree char *from_time = g_date_time_format (then, "%Y-%m-%d 00:00:00");
  g_autofree char *to_time = g_date_time_format (yesterday, "%Y-%m-%d 23:59:59");
  AgentCustomersPage *page;
  GtkDropDown *status;
  guint64 all_total, expected_total = 0;
  const char *value;

  wait_logged_in (app);
  page = show_customers (app);
  all_total = agent_paged_model_get_total (agent_customers_page_get_model (page));
  status = GTK_DROP_DOWN (filter_of (page, "status_dropdown"));

  /* The company's statuses are the choices, after "any". */
  TEST_WAIT_UNTIL (g_list_model_get_n_items (gtk_drop_down_get_model (status)) ==
                   g_list_model_get_n_items (statuses) + 1, WAIT_MS);
  code = g_list_model_get_item (statuses, 2);
  value = bbh_code_get_value (code);
  g_assert_cmpstr (gtk_string_object_get_string (g_list_model_get_item (gtk_drop_down_get_model (status), 3)),
                   ==, bbh_code_get_text (code));

  RELOAD_AFTER (page, gtk_drop_down_set_selected (status, 3));
  request = last_list_request (f);
  g_assert_cmpstr (param (request, "custStatus"), ==, value);
  bbh_customer_query_set_status (query, value);
  g_clear_object (&statuses);
  g_object_unref (server_get_customers (f, query, &expected_total));
  g_assert_cmpuint (expected_total, <, all_total);
  g_assert_cmpuint (agent_paged_model_get_total (agent_customers_page_get_model (page)), ==,
                    expected_total);
  for (guint i = 0; i < n_loaded (page); i++)
    g_assert_cmpstr (bbh_customer_get_status (row (page, i)), ==, value);
  g_clear_pointer (&request, json_object_unref);

  /* Locked ones only, of any status. */
  RELOAD_AFTER (page, gtk_widget_activate_action (GTK_WIDGET (page), "customers.clear-filters", NULL));
  RELOAD_AFTER (page, gtk_drop_down_set_selected (GTK_DROP_DOWN (filter_of (page, "locked_dropdown")), 1));
  request = last_list_request (f);
  g_assert_cmpstr (param (request, "custIsLock"), ==, "1");
  g_assert_null (param (request, "custStatus"));
  bbh_customer_query_set_status (query, NULL);
  bbh_customer_query_set_locked (query, 1);
  g_object_unref (server_get_customers (f, query, &expected_total));
  g_assert_cmpuint (agent_paged_model_get_total (agent_customers_page_get_model (page)), ==,
                    expected_total);
  for (guint i = 0; i < n_loaded (page); i++)
    g_assert_true (bbh_customer_get_is_locked (row (page, i)));
  g_clear_pointer (&request, json_object_unref);

  /* Created in a range of days, each end picked in its calendar and shown as a date. */
  RELOAD_AFTER (page, gtk_widget_activate_action (GTK_WIDGET (page), "customers.clear-filters", NULL));
  g_assert_false (gtk_widget_get_sensitive (filter_of (page, "from_box")));
  RELOAD_AFTER (page, gtk_drop_down_set_selected (GTK_DROP_DOWN (filter_of (page, "date_dropdown")), 3));
  g_assert_true (gtk_widget_get_sensitive (filter_of (page, "from_box")));
  g_assert_cmpstr (gtk_menu_button_get_label (GTK_MENU_BUTTON (filter_of (page, "from_button"))), ==,
                   "Any day");
  RELOAD_AFTER (page, gtk_calendar_select_day (GTK_CALENDAR (filter_of (page, "from_calendar")), then));
  g_assert_cmpstr (gtk_menu_button_get_label (GTK_MENU_BUTTON (filter_of (page, "from_button"))), ==,
                   then_text);
  request = last_list_request (f);
  g_assert_cmpstr (param (request, "dateOpt"), ==, "3");
  g_assert_cmpstr (param (request, "startTime"), ==, from_time);
  g_assert_null (param (request, "endTime"));
  g_clear_pointer (&request, json_object_unref);
  RELOAD_AFTER (page, gtk_calendar_select_day (GTK_CALENDAR (filter_of (page, "to_calendar")), yesterday));
  request = last_list_request (f);
  g_assert_cmpstr (param (request, "dateOpt"), ==, "3");
  g_assert_cmpstr (param (request, "startTime"), ==, from_time);
  g_assert_cmpstr (param (request, "endTime"), ==, to_time);
  bbh_customer_query_set_locked (query, -1);
  bbh_customer_query_set_date_range (query, BBH_CUSTOMER_DATE_CREATED, from_time, to_time);
  g_object_unref (server_get_customers (f, query, &expected_total));
  g_assert_cmpuint (expected_total, <, all_total);
  g_assert_cmpuint (agent_paged_model_get_total (agent_customers_page_get_model (page)), ==,
                    expected_total);
  g_assert_false (gtk_widget_get_visible (filter_of (page, "range_label")));
  g_clear_pointer (&request, json_object_unref);

  /* A first day after the last is said in words, and no dates are sent until they are in
   * order. */
  RELOAD_AFTER (page, gtk_calendar_select_day (GTK_CALENDAR (filter_of (page, "from_calendar")), later));
  g_assert_true (gtk_widget_get_visible (filter_of (page, "range_label")));
  g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (filter_of (page, "range_label"))),
                            "after the last day"));
  request = last_list_request (f);
  g_assert_null (param (request, "dateOpt"));
  g_assert_null (param (request, "startTime"));
  g_assert_null (param (request, "endTime"));
  g_assert_cmpuint (agent_paged_model_get_total (agent_customers_page_get_model (page)), ==,
                    all_total);
  g_clear_pointer (&request, json_object_unref);

  /* Clearing the first day leaves the range open on that side. */
  RELOAD_AFTER (page, gtk_widget_activate_action (filter_of (page, "from_box"), "filters.clear-from", NULL));
  g_assert_false (gtk_widget_get_visible (filter_of (page, "range_label")));
  g_assert_cmpstr (gtk_menu_button_get_label (GTK_MENU_BUTTON (filter_of (page, "from_button"))), ==,
                   "Any day");
  request = last_list_request (f);
  g_assert_cmpstr (param (request, "dateOpt"), ==, "3");
  g_assert_null (param (request, "startTime"));
  g_assert_cmpstr (param (request, "endTime"), ==, to_time);
  g_clear_pointer (&request, json_object_unref);

  /* Birthdays in a range of days: the rows are the customers born then, whatever the year. */
  RELOAD_AFTER (page, gtk_drop_down_set_selected (GTK_DROP_DOWN (filter_of (page, "date_dropdown")), 2));
  RELOAD_AFTER (page, gtk_calendar_select_day (GTK_CALENDAR (filter_of (page, "from_calendar")), march));
  RELOAD_AFTER (page, gtk_calendar_select_day (GTK_CALENDAR (filter_of (page, "to_calendar")), april));
  /* A birthday's day is shown without a year. */
  g_assert_cmpstr (gtk_menu_button_get_label (GTK_MENU_BUTTON (filter_of (page, "from_button"))), ==,
                   "March 1");
  request = last_list_request (f);
  g_assert_cmpstr (param (request, "dateOpt"), ==, "2");
  g_assert_cmpstr (param (request, "startTime"), ==, "2026-03-01 00:00:00");
  g_assert_cmpstr (param (request, "endTime"), ==, "2026-04-15 23:59:59");
  g_assert_cmpuint (n_loaded (page), >, 0);
  for (guint i = 0; i < n_loaded (page); i++)
    {
      const char *birthday = bbh_customer_get_birthday (row (page, i));

      g_assert_nonnull (birthday);
      g_assert_cmpuint (strlen (birthday), >=, 10);
      g_assert_cmpint (strncmp (birthday + 5, "03-01", 5), >=, 0);
      g_assert_cmpint (strncmp (birthday + 5, "04-15", 5), <=, 0);
    }
  g_clear_pointer (&request, json_object_unref);

  /* Clearing the filters lists everyone again. */
  RELOAD_AFTER (page, gtk_widget_activate_action (GTK_WIDGET (page), "customers.clear-filters", NULL));
  g_assert_cmpuint (agent_paged_model_get_total (agent_customers_page_get_model (page)), ==,
                    all_total);
}

static void
test_filter (Fixture       *f,
             gconstpointer  data)
{
  run_app (f, filter_body);
}

/* ---- paging ---- */

static gboolean
asked_from (Fixture    *f,
            const char *start)
{
  g_autoptr(GPtrArray) requests = server_requests (f, "getCustomersPage");

  for (guint i = 0; i < requests->len; i++)
    if (g_strcmp0 (param (g_ptr_array_index (requests, i), "start"), start) == 0)
      return TRUE;
  return FALSE;
}

static void
paging_body (AgentApplication *app,
             gpointer          user_data)
{
  Fixture *f = user_data;
  AgentCustomersPage *page;
  AgentPagedModel *model;
  GtkAdjustment *adjustment;
  guint n;

  wait_logged_in (app);

  /* More customers than the list keeps rows ready for (GTK 4.8 prepares about 200). */
  for (guint i = 0; i < 400; i++)
    {
      g_autofree char *phone = g_strdup_printf ("198%04u%04u", (guint) getpid () % 10000, i);
      g_autofree char *name = g_strdup_printf ("翻页测试%u", i);

      server_create_customer (f, phone, name, NULL);
    }

  page = show_customers (app);
  model = agent_customers_page_get_model (page);
  n = g_list_model_get_n_items (G_LIST_MODEL (model));
  g_assert_cmpuint (n, >=, 600);

  /* The first rows are there, the last are not asked for. */
  TEST_WAIT_UNTIL (!agent_paged_model_get_loading (model), WAIT_MS);
  g_assert_true (agent_paged_model_is_loaded (model, 0));
  g_assert_false (agent_paged_model_is_loaded (model, n - 1));
  g_assert_cmpuint (n_loaded (page), <=, 300);
  g_assert_false (asked_from (f, "550"));

  /* Scrolling to the end fetches the rows shown there, and not every page on the way. */
  adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (child_of (page, "scrolled_window")));
  /* The list lets its rows in a screenful per frame after the first. */
  TEST_WAIT_UNTIL (g_list_model_get_n_items (G_LIST_MODEL (gtk_list_view_get_model (GTK_LIST_VIEW (child_of (page, "list_view"))))) == n,
                   WAIT_MS);
  TEST_WAIT_UNTIL (gtk_adjustment_get_upper (adjustment) > gtk_adjustment_get_page_size (adjustment),
                   WAIT_MS);
  for (guint i = 0; i < 20 && !agent_paged_model_is_loaded (model, n - 1); i++)
    {
      gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment) -
                                            gtk_adjustment_get_page_size (adjustment));
      TEST_WAIT_UNTIL (!agent_paged_model_get_loading (model), WAIT_MS);
      test_iterate ();
    }
  g_assert_true (agent_paged_model_is_loaded (model, n - 1));
  g_assert_true (asked_from (f, "550"));
  g_assert_cmpuint (n_loaded (page), <, n);
  g_assert_cmpuint (agent_paged_model_get_total (model), ==, n);
}

static void
test_paging (Fixture       *f,
             gconstpointer  data)
{
  run_app (f, paging_body);
}

/* ---- lock ---- */

static void
lock_body (AgentApplication *app,
           gpointer          user_data)
{
  Fixture *f = user_data;
  g_autofree char *phone = unique_phone ();
  g_autoptr(BbhCustomer) on_server = NULL;
  AgentCustomersPage *page;
  AgentCustomerView *view;
  GtkWidget *locked_box;

  wait_logged_in (app);
  server_create_customer (f, phone, "锁定测试", "重庆锁定测试有限公司");

  page = show_customers (app);
  view = agent_customers_page_get_view (page);
  RELOAD_AFTER (page, type_search (page, phone));
  g_assert_cmpuint (n_loaded (page), ==, 1);
  g_assert_false (bbh_customer_get_is_locked (row (page, 0)));

  agent_customers_page_select (page, 0);
  TEST_WAIT_UNTIL (g_strcmp0 (agent_customer_view_get_state (view), "customer") == 0, WAIT_MS);
  locked_box = test_template_child (view, AGENT_TYPE_CUSTOMER_VIEW, "locked_box");
  g_assert_false (gtk_widget_get_visible (locked_box));

  /* Lock: queued, sent, and then shown as locked in the record and in the list. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "view.toggle-lock", NULL));
  TEST_WAIT_UNTIL (agent_customers_page_is_pending (page, bbh_customer_get_id (row (page, 0))), WAIT_MS);
  TEST_WAIT_UNTIL (agent_customer_view_get_customer (view) != NULL &&
                   bbh_customer_get_is_locked (agent_customer_view_get_customer (view)), WAIT_MS);
  TEST_WAIT_UNTIL (n_loaded (page) == 1 && bbh_customer_get_is_locked (row (page, 0)), WAIT_MS);
  g_assert_true (gtk_widget_get_visible (locked_box));
  /* The list asked again, and its row of the customer shown is still the one selected. */
  g_assert_cmpuint (gtk_single_selection_get_selected (GTK_SINGLE_SELECTION (gtk_list_view_get_model (GTK_LIST_VIEW (child_of (page, "list_view"))))),
                    ==, 0);
  g_assert_false (agent_customers_page_is_pending (page, bbh_customer_get_id (row (page, 0))));

  on_server = server_get_customer (f, phone);
  g_assert_nonnull (on_server);
  g_assert_true (bbh_customer_get_is_locked (on_server));
  g_clear_object (&on_server);

  /* And unlock again. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "view.toggle-lock", NULL));
  TEST_WAIT_UNTIL (!bbh_customer_get_is_locked (agent_customer_view_get_customer (view)), WAIT_MS);
  TEST_WAIT_UNTIL (n_loaded (page) == 1 && !bbh_customer_get_is_locked (row (page, 0)), WAIT_MS);
  g_assert_false (gtk_widget_get_visible (locked_box));
  on_server = server_get_customer (f, phone);
  g_assert_false (bbh_customer_get_is_locked (on_server));
}

static void
test_lock (Fixture       *f,
           gconstpointer  data)
{
  run_app (f, lock_body);
}

/* ---- delete ---- */

static void
delete_body (AgentApplication *app,
             gpointer          user_data)
{
  Fixture *f = user_data;
  g_autofree char *phone = unique_phone ();
  g_autoptr(BbhCustomer) on_server = NULL;
  AdwMessageDialog *dialog = NULL;
  AgentCustomersPage *page;
  AgentCustomerView *view;

  wait_logged_in (app);
  server_create_customer (f, phone, "删除测试", NULL);

  page = show_customers (app);
  view = open_customer (app, phone);
  g_assert_cmpstr (agent_customer_view_get_state (view), ==, "customer");

  /* Deleting asks first, and nothing is sent until the agent confirms. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "view.delete", NULL));
  TEST_WAIT_UNTIL ((dialog = find_toplevel (ADW_TYPE_MESSAGE_DIALOG)) != NULL &&
                   gtk_widget_get_mapped (GTK_WIDGET (dialog)), WAIT_MS);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Delete Customer?");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "删除测试"));
  g_assert_cmpuint (test_sandbox_count_method (f->sandbox, "delcustomer"), ==, 0);

  /* (The list may be answering the reload of `show-page` meanwhile.) */
  RELOAD_AFTER (page, {
    adw_message_dialog_response (dialog, "delete");
    TEST_WAIT_UNTIL (g_strcmp0 (agent_customer_view_get_state (view), "none") == 0, WAIT_MS);
  });
  g_assert_cmpuint (test_sandbox_count_method (f->sandbox, "delcustomer"), ==, 1);
  on_server = server_get_customer (f, phone);
  g_assert_null (on_server);

  /* The list no longer has it. */
  RELOAD_AFTER (page, type_search (page, phone));
  g_assert_cmpstr (agent_customers_page_get_state (page), ==, "empty");
}

static void
test_delete (Fixture       *f,
             gconstpointer  data)
{
  run_app (f, delete_body);
}

/* ---- sales ---- */

static GListModel *
server_sales (Fixture    *f,
              const char *phone)
{
  g_autoptr(GError) error = NULL;
  Wait wait = { 0 };
  GListModel *sales;

  bbh_client_get_customer_sales_async (f->client, phone, NULL, on_wait_done_cb, &wait);
  wait_done (&wait);
  sales = bbh_client_get_customer_sales_finish (f->client, wait.result, NULL, &error);
  g_assert_no_error (error);
  g_object_unref (wait.result);
  return sales;
}

static int
sale_status (GListModel *sales,
             guint       position)
{
  g_autoptr(BbhSale) sale = g_list_model_get_item (sales, position);

  return bbh_sale_get_status (sale);
}

static void
sales_body (AgentApplication *app,
            gpointer          user_data)
{
  Fixture *f = user_data;
  g_autofree char *phone = unique_phone ();
  g_autoptr(GListModel) on_server = NULL;
  g_autoptr(BbhSale) sale = NULL;
  AgentCustomerView *view;
  GListModel *shown;

  wait_logged_in (app);
  server_create_customer (f, phone, "签单测试", "重庆签单测试有限公司");

  /* A sale recorded from the record, as failed. */
  show_customers (app);
  view = open_customer (app, phone);
  TEST_WAIT_UNTIL (agent_customer_view_get_sales (view) != NULL, WAIT_MS);
  g_assert_cmpuint (g_list_model_get_n_items (agent_customer_view_get_sales (view)), ==, 0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "view.new-sale", "b", FALSE));
  TEST_WAIT_UNTIL ((shown = agent_customer_view_get_sales (view)) != NULL &&
                   g_list_model_get_n_items (shown) == 1, WAIT_MS);
  g_assert_cmpint (sale_status (shown, 0), ==, 0);

  /* Its result set to succeeded: through the outbox, and shown once the server has it. */
  sale = g_list_model_get_item (shown, 0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "view.set-sale", "(xb)",
                                             bbh_sale_get_id (sale), TRUE));
  TEST_WAIT_UNTIL ((shown = agent_customer_view_get_sales (view)) != NULL &&
                   g_list_model_get_n_items (shown) == 1 && sale_status (shown, 0) == 1, WAIT_MS);

  on_server = server_sales (f, phone);
  g_assert_cmpuint (g_list_model_get_n_items (on_server), ==, 1);
  g_assert_cmpint (sale_status (on_server, 0), ==, 1);
}

static void
test_sales (Fixture       *f,
            gconstpointer  data)
{
  run_app (f, sales_body);
}

/* ---- open-customer ---- */

static GtkWidget *
find_named (GtkWidget  *widget,
            const char *name)
{
  if (g_strcmp0 (gtk_widget_get_name (widget), name) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_named (child, name);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
find_label (GtkWidget  *widget,
            const char *text)
{
  if (widget == NULL)
    return FALSE;
  if (GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_label (GTK_LABEL (widget)), text) == 0)
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (find_label (child, text))
      return TRUE;
  return FALSE;
}

static void
open_body (AgentApplication *app,
           gpointer          user_data)
{
  Fixture *f = user_data;
  g_autofree char *known = unique_phone ();
  g_autofree char *unknown = unique_phone ();
  g_autoptr(JsonObject) shown = NULL;
  AgentCustomerView *view;
  AgentWindow *window;

  wait_logged_in (app);
  server_create_customer (f, known, "打开测试", "重庆打开测试有限公司");
  window = agent_application_get_window (app);
  g_assert_cmpstr (agent_window_get_page_name (window), ==, "home");

  /* A known number: the customers page with the record, and customer-shown found=true. */
  view = open_customer (app, known);
  g_assert_cmpstr (agent_window_get_page_name (window), ==, "customers");
  g_assert_cmpstr (agent_customer_view_get_state (view), ==, "customer");
  g_assert_cmpstr (bbh_customer_get_name (agent_customer_view_get_customer (view)), ==, "打开测试");
  g_assert_cmpstr (gtk_label_get_label (test_template_child (view, AGENT_TYPE_CUSTOMER_VIEW,
                                                             "name_label")), ==, "打开测试");
  shown = wait_trace (f, "customer-shown", "phone", known);
  g_assert_true (json_object_get_boolean_member (shown, "found"));
  g_clear_pointer (&shown, json_object_unref);

  /* The server's times are written the locale's way. */
  {
    g_autofree char *created = bbh_customer_dup_field (agent_customer_view_get_customer (view),
                                                       "custCreateTime");
    GtkWidget *list = test_template_child (view, AGENT_TYPE_CUSTOMER_VIEW, "detail_list");
    g_autoptr(GDateTime) when = NULL;
    g_autofree char *expected = NULL;
    int y, mo, d, h, mi, sec;

    g_assert_cmpint (sscanf (created, "%d-%d-%d %d:%d:%d", &y, &mo, &d, &h, &mi, &sec), ==, 6);
    when = g_date_time_new_local (y, mo, d, h, mi, sec);
    expected = g_date_time_format (when, "%x %H:%M");
    g_assert_true (find_label (find_named (list, "custCreateTime"), expected));
  }

  /* Its calls and notes are one timeline. */
  test_sandbox_add_memo (f->sandbox, f->client, known, "第一条备注");
  open_customer (app, known);
  TEST_WAIT_UNTIL (agent_customer_view_get_history_loaded (view), WAIT_MS);
  g_assert_cmpuint (agent_customer_view_get_n_history (view), >=, 1);

  /* An unknown number: an offer to create the customer, and found=false. */
  view = open_customer (app, unknown);
  g_assert_cmpstr (agent_customer_view_get_state (view), ==, "unknown");
  shown = wait_trace (f, "customer-shown", "phone", unknown);
  g_assert_false (json_object_get_boolean_member (shown, "found"));
  g_assert_true (gtk_widget_get_visible (test_template_child (view, AGENT_TYPE_CUSTOMER_VIEW,
                                                              "create_button")));
  g_assert_cmpuint (count_trace (f, "customer-shown", "phone", known), ==, 2);
}

static void
test_open_customer (Fixture       *f,
                    gconstpointer  data)
{
  run_app (f, open_body);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *state = g_dir_make_tmp ("test-customers-state-XXXXXX", NULL);

  /* The outbox lives in $XDG_STATE_HOME: never the developer's own. */
  g_setenv ("XDG_STATE_HOME", state, TRUE);
  test_trace_setup ();
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/agent/customers-page/list", Fixture, NULL,
              fixture_setup, test_list, fixture_teardown);
  g_test_add ("/agent/customers-page/search", Fixture, NULL,
              fixture_setup, test_search, fixture_teardown);
  g_test_add_func ("/agent/customers-page/slots", test_slots);
  g_test_add ("/agent/customers-page/search-fast", Fixture, NULL,
              fixture_setup, test_search_fast, fixture_teardown);
  g_test_add ("/agent/customers-page/filter", Fixture, NULL,
              fixture_setup, test_filter, fixture_teardown);
  g_test_add ("/agent/customers-page/paging", Fixture, NULL,
              fixture_setup, test_paging, fixture_teardown);
  g_test_add ("/agent/customers-page/lock", Fixture, NULL,
              fixture_setup, test_lock, fixture_teardown);
  g_test_add ("/agent/customers-page/delete", Fixture, NULL,
              fixture_setup, test_delete, fixture_teardown);
  g_test_add ("/agent/customers-page/sales", Fixture, NULL,
              fixture_setup, test_sales, fixture_teardown);
  g_test_add ("/agent/customers-page/open-customer", Fixture, NULL,
              fixture_setup, test_open_customer, fixture_teardown);

  return g_test_run ();
}
