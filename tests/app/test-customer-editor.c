/* test-customer-editor.c — creating and changing customers in the real application
 *
 * Every field of a customer, three numbers with their types and contacts, goes through the
 * editor, the outbox and the sandbox, and comes back the same — also to a new session of the
 * application. A new customer is created from the offer for an unknown number. What cannot be
 * saved is said before anything is queued.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "test-customers-common.h"

typedef struct
{
  const char *row;        /* the editor's template child */
  const char *member;     /* getcustomer's field */
  const char *value;
} TextField;

static const TextField text_fields[] = {
  { "name_row", "custName", "韩梅梅" },
  { "corp_row", "custCorpName", "重庆八百呼往返测试有限公司" },
  { "age_row", "custAge", "36" },
  { "birthday_row", "custBirthday", "1988-02-29" },
  { "qq_row", "custQQ", "123456789" },
  { "area_row", "custArea", "渝中区" },
  { "address_row", "custAddr", "重庆市渝中区解放碑88号" },
  { "memo_row", "custMemo", "喜欢下午联系 & <不要> 早上" },
  { "other1_row", "custOther1", "软件" },
  { "other2_row", "custOther2", "云呼叫中心" },
  { "other3_row", "custOther3", "12.5" },
};

typedef struct
{
  const char *row;
  const char *code_type;
  guint       code;       /* which of the company's choices */
  const char *member;
} ChoiceField;

static const ChoiceField choice_fields[] = {
  { "status_row", "custStatus", 2, "custStatus" },
  { "type_row", "custType", 3, "custType" },
  { "source_row", "custSource", 1, "custSource" },
  { "sex_row", "custSex", 1, "custSex" },
};

typedef struct
{
  char       *number;
  const char *type;
  const char *link_man;
} PhoneField;

typedef struct
{
  PhoneField phones[3];
  char      *codes[G_N_ELEMENTS (choice_fields)];   /* the values chosen */
} Expected;

static void
expected_free (Expected *expected)
{
  for (guint i = 0; i < G_N_ELEMENTS (expected->phones); i++)
    g_free (expected->phones[i].number);
  for (guint i = 0; i < G_N_ELEMENTS (expected->codes); i++)
    g_free (expected->codes[i]);
  g_free (expected);
}

/* ---- helpers ---- */

static gpointer
editor_child (AgentCustomerEditor *editor,
              const char          *name)
{
  return test_template_child (editor, AGENT_TYPE_CUSTOMER_EDITOR, name);
}

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

static GPtrArray *
phone_rows (AgentCustomerEditor *editor)
{
  GtkWidget *list = editor_child (editor, "phone_list");
  GPtrArray *rows = g_ptr_array_new ();

  for (GtkWidget *child = gtk_widget_get_first_child (list); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (AGENT_IS_PHONE_ROW (child))
      g_ptr_array_add (rows, child);
  return rows;
}

static void
wait_closed (AgentCustomerEditor *editor)
{
  GtkWidget *weak = GTK_WIDGET (editor);

  g_object_add_weak_pointer (G_OBJECT (weak), (gpointer *) &weak);
  TEST_WAIT_UNTIL (weak == NULL || !gtk_widget_get_visible (weak), WAIT_MS);
  if (weak != NULL)
    g_object_remove_weak_pointer (G_OBJECT (weak), (gpointer *) &weak);
}

static AgentCustomerEditor *
open_editor (AgentCustomerView *view)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "view.edit", NULL));
  return wait_editor ();
}

/* What getcustomer answers for @phone is what was saved, field by field. */
static void
assert_customer (BbhCustomer *customer,
                 Expected    *expected)
{
  GListModel *phones;

  g_assert_nonnull (customer);
  for (guint i = 0; i < G_N_ELEMENTS (text_fields); i++)
    {
      g_autofree char *value = bbh_customer_dup_field (customer, text_fields[i].member);

      g_assert_cmpstr (value, ==, text_fields[i].value);
    }
  for (guint i = 0; i < G_N_ELEMENTS (choice_fields); i++)
    {
      g_autofree char *value = bbh_customer_dup_field (customer, choice_fields[i].member);

      g_assert_cmpstr (value, ==, expected->codes[i]);
    }
  g_assert_cmpint (bbh_customer_get_birthday_type (customer), ==, 2);

  phones = bbh_customer_get_phones (customer);
  g_assert_cmpuint (g_list_model_get_n_items (phones), ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(BbhCustomerPhone) phone = g_list_model_get_item (phones, i);

      g_assert_cmpstr (bbh_customer_phone_get_phone (phone), ==, expected->phones[i].number);
      g_assert_cmpstr (bbh_customer_phone_get_phone_type (phone), ==, expected->phones[i].type);
      g_assert_cmpstr (bbh_customer_phone_get_link_man (phone), ==, expected->phones[i].link_man);
    }
}

/* ---- every field, there and back ---- */

static void
edit_body (AgentApplication *app,
           gpointer          user_data)
{
  Fixture *f = user_data;
  Expected *expected = f->data;
  g_autoptr(BbhCustomer) on_server = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  AgentCustomerEditor *editor;
  AgentCustomerView *view;
  AgentOutbox *outbox;
  guint saves;

  wait_logged_in (app);
  outbox = outbox_of (app);
  server_create_customer (f, expected->phones[0].number, "往返测试", NULL);

  show_customers (app);
  view = open_customer (app, expected->phones[0].number);
  g_assert_cmpstr (agent_customer_view_get_state (view), ==, "customer");
  editor = open_editor (view);

  /* The record as it is, labelled the company's way. */
  g_assert_cmpstr (gtk_editable_get_text (editor_child (editor, "name_row")), ==, "往返测试");
  TEST_WAIT_UNTIL (g_strcmp0 (adw_preferences_row_get_title (editor_child (editor, "other1_row")),
                              "所属行业") == 0, WAIT_MS);

  /* Every text field. */
  for (guint i = 0; i < G_N_ELEMENTS (text_fields); i++)
    gtk_editable_set_text (editor_child (editor, text_fields[i].row), text_fields[i].value);

  /* The choices are the company's lists, after "not set". */
  for (guint i = 0; i < G_N_ELEMENTS (choice_fields); i++)
    {
      g_autoptr(GListModel) codes = server_codes (f, choice_fields[i].code_type);
      g_autoptr(BbhCode) code = g_list_model_get_item (codes, choice_fields[i].code);
      AdwComboRow *combo = editor_child (editor, choice_fields[i].row);
      g_autoptr(GtkStringObject) text = NULL;

      TEST_WAIT_UNTIL (g_list_model_get_n_items (adw_combo_row_get_model (combo)) ==
                       g_list_model_get_n_items (codes) + 1, WAIT_MS);
      adw_combo_row_set_selected (combo, choice_fields[i].code + 1);
      text = g_list_model_get_item (adw_combo_row_get_model (combo), choice_fields[i].code + 1);
      g_assert_cmpstr (gtk_string_object_get_string (text), ==, bbh_code_get_text (code));
      expected->codes[i] = g_strdup (bbh_code_get_value (code));
    }
  adw_combo_row_set_selected (editor_child (editor, "birthday_type_row"), 2);

  /* Three numbers: the one there was, and two more, each with a type and a contact. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.add-phone", NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.add-phone", NULL));
  rows = phone_rows (editor);
  g_assert_cmpuint (rows->len, ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      AgentPhoneRow *row = g_ptr_array_index (rows, i);
      g_autofree char *type = NULL;

      agent_phone_row_set_phone (row, expected->phones[i].number);
      agent_phone_row_set_phone_type (row, expected->phones[i].type);
      agent_phone_row_set_link_man (row, expected->phones[i].link_man);
      type = agent_phone_row_dup_phone_type (row);
      g_assert_cmpstr (type, ==, expected->phones[i].type);
    }

  /* Saved through the outbox, once; the record shows it once the server has it. */
  saves = test_sandbox_count_method (f->sandbox, "saveCustomer");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL));
  wait_closed (editor);
  TEST_WAIT_UNTIL (agent_outbox_get_pending (outbox) == 0 &&
                   agent_customer_view_get_customer (view) != NULL &&
                   g_strcmp0 (bbh_customer_get_name (agent_customer_view_get_customer (view)),
                              "韩梅梅") == 0, WAIT_MS);
  g_assert_cmpuint (test_sandbox_count_method (f->sandbox, "saveCustomer"), ==, saves + 1);
  g_assert_cmpstr (gtk_label_get_label (test_template_child (view, AGENT_TYPE_CUSTOMER_VIEW,
                                                             "name_label")), ==, "韩梅梅");
  assert_customer (agent_customer_view_get_customer (view), expected);

  /* The server, asked by the test itself, has every field. */
  on_server = server_get_customer (f, expected->phones[0].number);
  assert_customer (on_server, expected);
}

/* Each row's contact field starts where the first row's does, and is as wide. */
static gboolean
phone_columns_line_up (AgentCustomerEditor *editor,
                       GPtrArray           *rows)
{
  graphene_rect_t first;

  for (guint i = 0; i < rows->len; i++)
    {
      GtkWidget *entry = test_template_child (g_ptr_array_index (rows, i), AGENT_TYPE_PHONE_ROW,
                                              "link_man_entry");
      graphene_rect_t bounds;

      /* Laid out: an entry for a name is wider than a few characters. */
      if (!gtk_widget_get_mapped (entry) ||
          !gtk_widget_compute_bounds (entry, GTK_WIDGET (editor), &bounds) ||
          bounds.size.width < 60)
        return FALSE;
      if (i == 0)
        first = bounds;
      else if (bounds.origin.x != first.origin.x || bounds.size.width != first.size.width)
        return FALSE;
    }
  return rows->len > 1;
}

/* A new session of the application reads it back from the server. */
static void
reread_body (AgentApplication *app,
             gpointer          user_data)
{
  Fixture *f = user_data;
  Expected *expected = f->data;
  g_autoptr(GPtrArray) rows = NULL;
  AgentCustomerEditor *editor;
  AgentCustomerView *view;

  wait_logged_in (app);
  view = open_customer (app, expected->phones[1].number);
  g_assert_cmpstr (agent_customer_view_get_state (view), ==, "customer");
  assert_customer (agent_customer_view_get_customer (view), expected);

  /* And the editor shows it as it was saved. */
  editor = open_editor (view);
  for (guint i = 0; i < G_N_ELEMENTS (text_fields); i++)
    g_assert_cmpstr (gtk_editable_get_text (editor_child (editor, text_fields[i].row)), ==,
                     text_fields[i].value);
  g_assert_cmpuint (adw_combo_row_get_selected (editor_child (editor, "birthday_type_row")), ==, 2);
  for (guint i = 0; i < G_N_ELEMENTS (choice_fields); i++)
    {
      AdwComboRow *combo = editor_child (editor, choice_fields[i].row);

      TEST_WAIT_UNTIL (adw_combo_row_get_selected (combo) == choice_fields[i].code + 1, WAIT_MS);
    }
  rows = phone_rows (editor);
  g_assert_cmpuint (rows->len, ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *number = agent_phone_row_dup_phone (g_ptr_array_index (rows, i));
      g_autofree char *type = agent_phone_row_dup_phone_type (g_ptr_array_index (rows, i));
      g_autofree char *link_man = agent_phone_row_dup_link_man (g_ptr_array_index (rows, i));

      g_assert_cmpstr (number, ==, expected->phones[i].number);
      g_assert_cmpstr (type, ==, expected->phones[i].type);
      g_assert_cmpstr (link_man, ==, expected->phones[i].link_man);
    }
  /* The rows line up in columns although their types differ in length ("手机", "常用电话"). */
  TEST_WAIT_UNTIL (phone_columns_line_up (editor, rows), WAIT_MS);
  gtk_window_destroy (GTK_WINDOW (editor));
}

static void
test_round_trip (Fixture       *f,
                 gconstpointer  data)
{
  Expected *expected = g_new0 (Expected, 1);

  expected->phones[0] = (PhoneField) { unique_phone (), "常用电话", "韩梅梅" };
  expected->phones[1] = (PhoneField) { unique_phone (), "手机", "李雷" };
  expected->phones[2] = (PhoneField) { g_strdup ("02367073599"), "办公电话", "前台" };
  f->data = expected;

  run_app (f, edit_body);
  run_app (f, reread_body);

  expected_free (expected);
}

/* ---- a new customer for an unknown number ---- */

static void
create_body (AgentApplication *app,
             gpointer          user_data)
{
  Fixture *f = user_data;
  g_autofree char *phone = unique_phone ();
  g_autoptr(BbhCustomer) on_server = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autofree char *prefilled = NULL;
  AgentCustomersPage *page;
  AgentCustomerEditor *editor;
  AgentCustomerView *view;

  wait_logged_in (app);
  page = show_customers (app);
  view = open_customer (app, phone);
  g_assert_cmpstr (agent_customer_view_get_state (view), ==, "unknown");

  /* "Create Customer" opens the editor with the number filled in. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "view.create", NULL));
  editor = wait_editor ();
  rows = phone_rows (editor);
  g_assert_cmpuint (rows->len, ==, 1);
  prefilled = agent_phone_row_dup_phone (g_ptr_array_index (rows, 0));
  g_assert_cmpstr (prefilled, ==, phone);

  gtk_editable_set_text (editor_child (editor, "name_row"), "新客户");
  gtk_editable_set_text (editor_child (editor, "corp_row"), "重庆新建测试有限公司");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL));
  wait_closed (editor);

  /* Shown once the server has it, found by its number. */
  TEST_WAIT_UNTIL (g_strcmp0 (agent_customer_view_get_state (view), "customer") == 0, WAIT_MS);
  g_assert_cmpstr (bbh_customer_get_name (agent_customer_view_get_customer (view)), ==, "新客户");
  on_server = server_get_customer (f, phone);
  g_assert_nonnull (on_server);
  g_assert_cmpstr (bbh_customer_get_corp_name (on_server), ==, "重庆新建测试有限公司");

  /* The list has it too. */
  gtk_editable_set_text (test_template_child (page, AGENT_TYPE_CUSTOMERS_PAGE, "search_entry"),
                         phone);
  TEST_WAIT_UNTIL (!agent_paged_model_get_loading (agent_customers_page_get_model (page)) &&
                   agent_paged_model_get_total (agent_customers_page_get_model (page)) == 1,
                   WAIT_MS);
}

static void
test_create (Fixture       *f,
             gconstpointer  data)
{
  run_app (f, create_body);
}

/* ---- what cannot be saved ---- */

static void
invalid_body (AgentApplication *app,
              gpointer          user_data)
{
  Fixture *f = user_data;
  g_autofree char *phone = unique_phone ();
  g_autoptr(GPtrArray) rows = NULL;
  AgentCustomersPage *page;
  AgentCustomerEditor *editor;
  AgentPhoneRow *row;
  GtkWidget *phone_entry;
  const char *error;

  wait_logged_in (app);
  page = show_customers (app);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "customers.new", NULL));
  editor = wait_editor ();
  gtk_editable_set_text (editor_child (editor, "name_row"), "无效测试");

  /* No number. */
  g_assert_false (agent_customer_editor_save (editor));
  error = agent_customer_editor_get_error (editor);
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error, "phone number"));
  g_assert_true (gtk_revealer_get_reveal_child (editor_child (editor, "error_revealer")));

  /* A number that is not one: said, and the number marked. */
  rows = phone_rows (editor);
  row = g_ptr_array_index (rows, 0);
  agent_phone_row_set_phone (row, "12ab");
  g_assert_false (agent_customer_editor_save (editor));
  g_assert_nonnull (agent_customer_editor_get_error (editor));
  phone_entry = test_template_child (row, AGENT_TYPE_PHONE_ROW, "phone_entry");
  g_assert_true (gtk_widget_has_css_class (phone_entry, "error"));

  /* A birthday that does not exist. */
  agent_phone_row_set_phone (row, phone);
  gtk_editable_set_text (editor_child (editor, "birthday_row"), "1990-02-30");
  g_assert_false (agent_customer_editor_save (editor));
  g_assert_nonnull (strstr (agent_customer_editor_get_error (editor), "1990-02-30"));
  g_assert_false (gtk_widget_has_css_class (phone_entry, "error"));
  g_assert_true (gtk_widget_has_css_class (editor_child (editor, "birthday_row"), "error"));

  /* None of it was queued or sent, and the editor is still open. */
  g_assert_cmpuint (agent_outbox_get_pending (outbox_of (app)), ==, 0);
  g_assert_cmpuint (test_sandbox_count_method (f->sandbox, "saveCustomer"), ==, 0);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (editor)));

  /* Put right, it saves. */
  gtk_editable_set_text (editor_child (editor, "birthday_row"), "1990-02-28");
  g_assert_true (agent_customer_editor_save (editor));
  wait_closed (editor);
  TEST_WAIT_UNTIL (agent_outbox_get_pending (outbox_of (app)) == 0 &&
                   test_sandbox_count_method (f->sandbox, "saveCustomer") == 1, WAIT_MS);
}

static void
test_invalid (Fixture       *f,
              gconstpointer  data)
{
  run_app (f, invalid_body);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *state = g_dir_make_tmp ("test-customer-editor-state-XXXXXX", NULL);

  /* The outbox lives in $XDG_STATE_HOME: never the developer's own. */
  g_setenv ("XDG_STATE_HOME", state, TRUE);
  test_trace_setup ();
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/agent/customer-editor/round-trip", Fixture, NULL,
              fixture_setup, test_round_trip, fixture_teardown);
  g_test_add ("/agent/customer-editor/create", Fixture, NULL,
              fixture_setup, test_create, fixture_teardown);
  g_test_add ("/agent/customer-editor/invalid", Fixture, NULL,
              fixture_setup, test_invalid, fixture_teardown);

  return g_test_run ();
}
