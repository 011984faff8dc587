/* agent-customers-page.c — the company's customers: search, filters, the list and one record
 *
 * The list pages from getCustomersPage through an AgentPagedModel: only the pages scrolled
 * into view are fetched. Typing searches at once, by name, number or company — a search of
 * digits alone is taken as a number unless the agent chose otherwise. Each key asks the server
 * as soon as the keys already on their way are read (no pause: the agent sees the rows within
 * a frame or two of the answer), and a new query cancels the request of the last one, so only
 * the newest text is ever waited for. Filters narrow by
 * status and type (the company's choices, getCodes), lock, and a range of the last call,
 * birthday or creation date.
 *
 * The record of the selected customer is an AgentCustomerView beside the list (an AdwLeaflet
 * that folds on a narrow window). Changes wait in the outbox: the customer is marked pending
 * until the outbox says the server has them, then the list and the record are asked again.
 *
 * The page also answers the `open-customer` action (AgentApplication::open-customer-requested):
 * it shows itself with that number's customer and writes `customer-shown` (phone, found).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "agent-customers-page"

#include "config.h"

#include <glib/gi18n.h>

#include "agent-application.h"
#include "agent-customer-fields.h"
#include "agent-customer-filters.h"
#include "agent-customer-slots.h"
#include "agent-customers-page-private.h"
#include "agent-page.h"
#include "agent-phone.h"
#include "agent-popup-manager.h"
#include "agent-trace.h"
#include "agent-window.h"

#define MIN_DIGITS 3                /* fewer digits of a number wait for a pause */
#define SHORT_NUMBER_PAUSE_MS 300

static void page_iface_init (AgentPageInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (AgentCustomersPage, agent_customers_page, ADW_TYPE_BIN,
                               G_IMPLEMENT_INTERFACE (AGENT_TYPE_PAGE, page_iface_init))

static const BbhCustomerFind find_types[] = {
  BBH_CUSTOMER_FIND_NAME,
  BBH_CUSTOMER_FIND_PHONE,
  BBH_CUSTOMER_FIND_CORP_NAME,
};

static void
pending_free (gpointer data)
{
  Pending *pending = data;

  g_free (pending->phone);
  g_free (pending);
}

static BbhClient *
get_client (AgentCustomersPage *self)
{
  return self->session != NULL ? agent_session_get_client (self->session) : NULL;
}

static gboolean
is_digits (const char *text)
{
  gboolean any = FALSE;

  for (; *text != '\0'; text++)
    {
      if (g_ascii_isdigit (*text))
        any = TRUE;
      else if (*text != ' ' && *text != '-' && *text != '+')
        return FALSE;
    }
  return any;
}

static guint
count_digits (const char *text)
{
  guint n = 0;

  for (; *text != '\0'; text++)
    if (g_ascii_isdigit (*text))
      n++;
  return n;
}

/* ---- the query ---- */

/* The search as it is asked for (NULL for none): a number without the spaces and dashes it
 * is written with — as the list shows numbers, and as an agent copies them from it. */
static char *
dup_search (AgentCustomersPage *self,
            BbhCustomerFind    *out_find)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->search_entry))));
  guint find = gtk_drop_down_get_selected (self->find_dropdown);

  *out_find = *text != '\0' && find < G_N_ELEMENTS (find_types) ? find_types[find]
                                                                 : BBH_CUSTOMER_FIND_NONE;
  if (*out_find == BBH_CUSTOMER_FIND_NONE)
    return NULL;

  if (*out_find == BBH_CUSTOMER_FIND_PHONE && is_digits (text))
    {
      GString *digits = g_string_new (NULL);

      for (const char *p = text; *p != '\0'; p++)
        if (*p != ' ' && *p != '-')
          g_string_append_c (digits, *p);
      return g_string_free (digits, FALSE);
    }
  return g_steal_pointer (&text);
}

/* Builds the query from what the page shows; returns whether it narrows the list. */
static gboolean
update_query (AgentCustomersPage *self)
{
  BbhCustomerFind find;
  g_autofree char *text = dup_search (self, &find);
  gboolean filtered;

  bbh_customer_query_set_search (self->query, find, text);

  filtered = agent_customer_filters_apply (self->filters, self->query);
  if (filtered)
    gtk_widget_add_css_class (GTK_WIDGET (self->filter_button), "accent");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->filter_button), "accent");

  return filtered || text != NULL;
}

static void
fetch_cb (guint                start,
          guint                limit,
          GCancellable        *cancellable,
          GAsyncReadyCallback  callback,
          gpointer             callback_data,
          gpointer             user_data)
{
  AgentCustomersPage *self = user_data;
  g_autoptr(BbhCustomerQuery) query = bbh_customer_query_copy (self->query);
  BbhClient *client = get_client (self);

  if (client == NULL)
    {
      g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, callback_data);

      g_task_return_new_error (task, BBH_ERROR, BBH_ERROR_AUTH, "%s", _("Not logged in."));
      return;
    }

  bbh_customer_query_set_page (query, start, limit);
  bbh_client_get_customers_page_async (client, query, cancellable, callback, callback_data);
}

static GListModel *
finish_cb (GAsyncResult  *result,
           guint64       *out_total,
           GError       **error,
           gpointer       user_data)
{
  g_autoptr(GObject) source = g_async_result_get_source_object (result);

  if (!BBH_IS_CLIENT (source))
    return g_task_propagate_pointer (G_TASK (result), error);
  return bbh_client_get_customers_page_finish (BBH_CLIENT (source), result, out_total, error);
}

static void
reload (AgentCustomersPage *self)
{
  if (get_client (self) == NULL)
    return;

  update_query (self);
  if (!agent_paged_model_get_loaded (self->model))
    gtk_stack_set_visible_child_name (self->list_stack, "loading");

  /* The rows on screen stay until the answer replaces what they show (AgentCustomerSlots). */
  agent_paged_model_reload (self->model);
}

/* A search or a filter: the answer is another list, shown from its top. */
static void
search (AgentCustomersPage *self)
{
  agent_customers_page_hold_rows (self);
  self->new_query = TRUE;
  reload (self);
}

/* ---- what the list shows ---- */

static void
show_state (AgentCustomersPage *self)
{
  guint64 total = agent_paged_model_get_total (self->model);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->model));
  g_autofree char *text = NULL;
  g_autofree char *number = g_strdup_printf ("%'" G_GUINT64_FORMAT, total);

  /* Translators: %s is a number of customers, with the locale's thousands separators */
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s customer", "%s customers",
                                       (gulong) MIN (total, G_MAXULONG)),
                          number);
  gtk_label_set_label (self->total_label, text);

  if (n > 0)
    {
      gtk_stack_set_visible_child_name (self->list_stack, "list");
      return;
    }

  if (update_query (self))
    {
      adw_status_page_set_title (self->empty_page, _("No Matching Customers"));
      adw_status_page_set_description (self->empty_page,
                                       _("Try other words, another kind of search, or fewer filters"));
    }
  else
    {
      adw_status_page_set_title (self->empty_page, _("No Customers"));
      adw_status_page_set_description (self->empty_page,
                                       _("Customers you or your colleagues create are listed here"));
    }
  gtk_stack_set_visible_child_name (self->list_stack, "empty");
}

static void
loaded (AgentCustomersPage *self,
        guint               rows)
{
  if (!self->load_pending)
    return;
  self->load_pending = FALSE;
  agent_page_loaded (AGENT_PAGE (self), rows);
}

static void
select_shown (AgentCustomersPage *self)
{
  BbhCustomer *shown = agent_customer_view_get_customer (self->view);
  guint position = GTK_INVALID_LIST_POSITION;

  for (guint i = 0; shown != NULL && !self->new_query && i < PAGE_SIZE; i++)
    {
      BbhCustomer *customer = agent_paged_model_peek_item (self->model, i);

      if (customer != NULL && bbh_customer_get_id (customer) == bbh_customer_get_id (shown))
        {
          position = i;
          break;
        }
    }

  self->selecting = TRUE;
  gtk_single_selection_set_selected (self->selection, position);
  self->selecting = FALSE;
}

static void
on_page_loaded_cb (AgentCustomersPage *self,
                   guint               start,
                   guint               n_items)
{
  if (start != 0)
    return;

  /* The rows kept their places but not their customers: the selection follows the customer
   * shown (the list asked again after a change), or goes. */
  select_shown (self);
  if (self->new_query)
    {
      self->new_query = FALSE;
      gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scrolled_window), 0);
    }
  show_state (self);
  agent_customers_page_grow_rows (self);
  loaded (self, agent_paged_model_get_n_loaded (self->model));
}

static void
on_model_error_cb (AgentCustomersPage *self,
                   GError             *error)
{
  if (agent_paged_model_get_n_loaded (self->model) > 0)
    {
      /* A later page failed: its rows stay placeholders; say so without hiding the rest. */
      g_autofree char *message = g_strdup_printf (_("More customers could not be loaded: %s"),
                                                  error->message);
      GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

      if (AGENT_IS_WINDOW (root))
        agent_window_add_toast (AGENT_WINDOW (root), message);
      return;
    }

  self->new_query = FALSE;
  agent_customers_page_stop_growing (self);
  adw_status_page_set_description (self->error_page, error->message);
  gtk_stack_set_visible_child_name (self->list_stack, "error");
  gtk_label_set_label (self->total_label, "");
  loaded (self, 0);
}

/* ---- filters ---- */

static void
on_fields_loaded_cb (AgentCustomersPage *self)
{
  agent_customers_page_rebind_rows (self);
}

static void
on_filter_changed_cb (AgentCustomersPage *self)
{
  search (self);
}

/* The search as the page would ask for it now differs from what was asked. */
static gboolean
search_differs (AgentCustomersPage *self)
{
  BbhCustomerFind want;
  g_autofree char *text = dup_search (self, &want);

  return g_strcmp0 (text, bbh_customer_query_get_search (self->query)) != 0 ||
         want != bbh_customer_query_get_find (self->query);
}

static gboolean
on_search_cb (gpointer user_data)
{
  AgentCustomersPage *self = user_data;

  self->search_id = 0;
  if (search_differs (self))
    search (self);
  return G_SOURCE_REMOVE;
}

/* A search of digits alone is a number, unless the agent chose what to search. */
static void
on_search_text_cb (AgentCustomersPage *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  guint want = is_digits (text) ? 1 : 0;
  guint digits;

  if (!self->find_chosen && gtk_drop_down_get_selected (self->find_dropdown) != want)
    {
      self->setting_find = TRUE;
      gtk_drop_down_set_selected (self->find_dropdown, want);
      self->setting_find = FALSE;
    }

  /* Asked once the keys already queued are read — a text replaced (select all, type) is
   * empty for a moment and then not — but before the typed text is drawn, so that the server
   * works while the entry paints. The first digits of a number match most customers and cost
   * the server a pass over every number: they are asked for only when the agent pauses, so
   * that the number being typed is not kept waiting behind them. */
  g_clear_handle_id (&self->search_id, g_source_remove);
  digits = count_digits (text);
  if (gtk_drop_down_get_selected (self->find_dropdown) == 1 && digits > 0 && digits < MIN_DIGITS)
    self->search_id = g_timeout_add (SHORT_NUMBER_PAUSE_MS, on_search_cb, self);
  else
    self->search_id = g_idle_add_full (G_PRIORITY_HIGH_IDLE, on_search_cb, self, NULL);
}

static void
on_find_selected_cb (AgentCustomersPage *self)
{
  if (self->setting_find)
    return;

  self->find_chosen = TRUE;
  if (*gtk_editable_get_text (GTK_EDITABLE (self->search_entry)) != '\0')
    search (self);
}

static void
clear_filters_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  agent_customer_filters_clear (AGENT_CUSTOMERS_PAGE (widget)->filters);
}

/* ---- selection and the record ---- */

static void
on_selected_cb (AgentCustomersPage *self)
{
  AgentCustomerSlot *slot = gtk_single_selection_get_selected_item (self->selection);
  BbhCustomer *customer = slot != NULL ? agent_customer_slot_get_customer (slot) : NULL;

  if (customer == NULL || self->selecting)
    return;

  agent_customer_view_show_customer (self->view, customer);
  agent_customer_view_set_pending (self->view,
                                   agent_customers_page_is_pending (self,
                                                                    bbh_customer_get_id (customer)));
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
}

static gboolean
view_shows (AgentCustomersPage *self,
            gint64              customer_id,
            const char         *phone)
{
  BbhCustomer *customer = agent_customer_view_get_customer (self->view);
  GListModel *phones;

  if (customer != NULL && customer_id > 0 && bbh_customer_get_id (customer) == customer_id)
    return TRUE;
  if (phone == NULL)
    return FALSE;
  if (g_strcmp0 (agent_customer_view_get_phone (self->view), phone) == 0)
    return TRUE;

  phones = customer != NULL ? bbh_customer_get_phones (customer) : NULL;
  for (guint i = 0; phones != NULL && i < g_list_model_get_n_items (phones); i++)
    {
      g_autoptr(BbhCustomerPhone) item = g_list_model_get_item (phones, i);

      if (g_strcmp0 (bbh_customer_phone_get_phone (item), phone) == 0)
        return TRUE;
    }
  return FALSE;
}

static void
update_view_pending (AgentCustomersPage *self)
{
  GHashTableIter iter;
  Pending *pending;
  gboolean any = FALSE;

  g_hash_table_iter_init (&iter, self->pending);
  while (!any && g_hash_table_iter_next (&iter, NULL, (gpointer *) &pending))
    any = view_shows (self, pending->customer_id, pending->customer_id > 0 ? NULL : pending->phone);

  agent_customer_view_set_pending (self->view, any);
}

static void
on_view_queued_cb (AgentCustomersPage *self,
                   gint64              entry_id,
                   AgentOutboxKind     kind,
                   gint64              customer_id,
                   const char         *phone)
{
  Pending *pending = g_new0 (Pending, 1);

  pending->kind = kind;
  pending->customer_id = customer_id;
  pending->phone = g_strdup (phone);
  g_hash_table_insert (self->pending, g_memdup2 (&entry_id, sizeof entry_id), pending);

  update_view_pending (self);
  agent_customers_page_rebind_rows (self);
}

static void
on_view_deleted_cb (AgentCustomersPage *self,
                    gint64              customer_id)
{
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  reload (self);
}

static void
on_view_loaded_cb (AgentCustomersPage *self,
                   gboolean            found,
                   const char         *error)
{
  g_autofree char *phone = g_steal_pointer (&self->open_phone);

  if (phone == NULL)
    return;

  if (error != NULL)
    agent_trace_on_next_paint (GTK_WIDGET (self->view), "customer-shown",
                               "phone", g_variant_new_string (phone),
                               "found", g_variant_new_boolean (FALSE),
                               "reason", g_variant_new_string (error),
                               NULL);
  else
    agent_trace_on_next_paint (GTK_WIDGET (self->view), "customer-shown",
                               "phone", g_variant_new_string (phone),
                               "found", g_variant_new_boolean (found),
                               NULL);
}

/* ---- the outbox ---- */

static gboolean
is_customer_kind (AgentOutboxKind kind)
{
  return kind == AGENT_OUTBOX_KIND_CUSTOMER_SAVE ||
         kind == AGENT_OUTBOX_KIND_CUSTOMER_LOCK ||
         kind == AGENT_OUTBOX_KIND_CUSTOMER_SALES;
}

/* An entry is done, delivered or refused: show what the server now has. */
static void
entry_done (AgentCustomersPage *self,
            gint64              id,
            AgentOutboxKind     kind,
            const char         *phone)
{
  Pending *pending = g_hash_table_lookup (self->pending, &id);
  gboolean shown;

  if (!is_customer_kind (kind) && pending == NULL)
    return;

  shown = view_shows (self, pending != NULL ? pending->customer_id : 0, phone);
  g_hash_table_remove (self->pending, &id);

  update_view_pending (self);
  if (shown)
    agent_customer_view_reload (self->view);
  reload (self);
}

static void
on_delivered_cb (AgentCustomersPage *self,
                 gint64              id,
                 AgentOutboxKind     kind,
                 const char         *phone)
{
  entry_done (self, id, kind, phone);
}

static void
on_entry_failed_cb (AgentCustomersPage *self,
                    gint64              id,
                    AgentOutboxKind     kind,
                    const char         *phone,
                    const char         *message)
{
  if (g_hash_table_contains (self->pending, &id))
    {
      g_autofree char *text = g_strdup_printf (_("The server refused a change to the customer: %s"),
                                               message);
      GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

      if (AGENT_IS_WINDOW (root))
        agent_window_add_toast (AGENT_WINDOW (root), text);
    }
  entry_done (self, id, kind, phone);
}

static void
set_outbox (AgentCustomersPage *self,
            AgentOutbox        *outbox)
{
  if (self->outbox == outbox)
    return;

  if (self->outbox != NULL)
    g_signal_handlers_disconnect_by_data (self->outbox, self);
  g_set_object (&self->outbox, outbox);
  if (outbox != NULL)
    {
      g_signal_connect_object (outbox, "delivered", G_CALLBACK (on_delivered_cb), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (outbox, "entry-failed", G_CALLBACK (on_entry_failed_cb), self,
                               G_CONNECT_SWAPPED);
    }
}

static void
on_manager_outbox_cb (AgentPopupManager  *manager,
                      GParamSpec         *pspec,
                      AgentCustomersPage *self)
{
  set_outbox (self, agent_popup_manager_get_outbox (manager));
}

static void
follow_outbox (AgentCustomersPage *self)
{
  AgentPopupManager *manager;

  if (self->application == NULL || self->outbox != NULL)
    return;

  manager = agent_popup_manager_get_for_application (GTK_APPLICATION (self->application));
  if (manager == NULL)
    return;

  g_signal_handlers_disconnect_by_func (manager, on_manager_outbox_cb, self);
  g_signal_connect_object (manager, "notify::outbox", G_CALLBACK (on_manager_outbox_cb), self, 0);
  set_outbox (self, agent_popup_manager_get_outbox (manager));
}

/* ---- the session ---- */

static void
set_session (AgentCustomersPage *self,
             AgentSession       *session)
{
  BbhClient *client;
  AgentCustomerFields *fields = NULL;

  g_set_object (&self->session, session);
  agent_customer_view_set_session (self->view, session);

  client = get_client (self);
  if (client != NULL)
    fields = agent_customer_fields_get_for_client (client);
  if (fields != self->fields)
    {
      if (self->fields != NULL)
        g_signal_handlers_disconnect_by_func (self->fields, on_fields_loaded_cb, self);
      g_set_object (&self->fields, fields);
      if (fields != NULL)
        g_signal_connect_object (fields, "notify::loaded", G_CALLBACK (on_fields_loaded_cb), self,
                                 G_CONNECT_SWAPPED);
      agent_customer_filters_set_fields (self->filters, fields);
      on_fields_loaded_cb (self);
    }

  follow_outbox (self);
}

static void
agent_customers_page_load (AgentPage    *page,
                           AgentSession *session)
{
  AgentCustomersPage *self = AGENT_CUSTOMERS_PAGE (page);

  set_session (self, session);
  self->load_pending = TRUE;

  if (get_client (self) == NULL)
    {
      loaded (self, 0);
      return;
    }

  search (self);
}

static void
page_iface_init (AgentPageInterface *iface)
{
  iface->load = agent_customers_page_load;
}

/* ---- open-customer ---- */

static gboolean
on_open_customer_requested_cb (AgentApplication   *application,
                               const char         *phone,
                               AgentCustomersPage *self)
{
  agent_customers_page_open_phone (self, phone);
  return TRUE;
}

static void
on_window_application_cb (GtkWindow          *window,
                          GParamSpec         *pspec,
                          AgentCustomersPage *self)
{
  GtkApplication *application = gtk_window_get_application (window);

  if ((gpointer) application == (gpointer) self->application || !AGENT_IS_APPLICATION (application))
    return;

  if (self->application != NULL)
    g_signal_handlers_disconnect_by_func (self->application, on_open_customer_requested_cb, self);
  self->application = AGENT_APPLICATION (application);
  g_signal_connect_object (application, "open-customer-requested",
                           G_CALLBACK (on_open_customer_requested_cb), self, 0);
  follow_outbox (self);
}

/* ---- actions ---- */

static void
new_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  AgentCustomersPage *self = AGENT_CUSTOMERS_PAGE (widget);
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->search_entry))));

  /* A number searched for and not found is most likely the new customer's. */
  agent_customer_view_create (self->view, agent_phone_is_valid (text) ? text : NULL);
}

static void
reload_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  reload (AGENT_CUSTOMERS_PAGE (widget));
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  adw_leaflet_navigate (AGENT_CUSTOMERS_PAGE (widget)->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

/* ---- GObject ---- */

static void
agent_customers_page_root (GtkWidget *widget)
{
  AgentCustomersPage *self = AGENT_CUSTOMERS_PAGE (widget);
  GtkRoot *root;

  GTK_WIDGET_CLASS (agent_customers_page_parent_class)->root (widget);

  root = gtk_widget_get_root (widget);
  if (GTK_IS_WINDOW (root))
    {
      g_signal_connect_object (root, "notify::application", G_CALLBACK (on_window_application_cb),
                               self, 0);
      on_window_application_cb (GTK_WINDOW (root), NULL, self);
    }
}

static void
agent_customers_page_dispose (GObject *object)
{
  AgentCustomersPage *self = AGENT_CUSTOMERS_PAGE (object);

  g_clear_handle_id (&self->search_id, g_source_remove);
  g_clear_handle_id (&self->visible_id, g_source_remove);
  agent_customers_page_forget_clock (self);
  set_outbox (self, NULL);
  if (self->model != NULL)
    {
      /* The list may still ask for rows while it goes: nothing is fetched for it any more. */
      g_signal_handlers_disconnect_by_data (self->model, self);
      agent_paged_model_set_fetch_func (self->model, NULL, NULL, NULL, NULL);
      agent_paged_model_clear (self->model);
    }
  g_clear_object (&self->model);
  g_clear_object (&self->slots);
  if (self->fields != NULL)
    g_signal_handlers_disconnect_by_data (self->fields, self);
  g_clear_object (&self->fields);
  if (self->application != NULL)
    g_signal_handlers_disconnect_by_data (self->application, self);
  g_clear_object (&self->session);
  self->application = NULL;

  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), AGENT_TYPE_CUSTOMERS_PAGE);

  G_OBJECT_CLASS (agent_customers_page_parent_class)->dispose (object);
}

static void
agent_customers_page_finalize (GObject *object)
{
  AgentCustomersPage *self = AGENT_CUSTOMERS_PAGE (object);

  g_clear_pointer (&self->query, bbh_customer_query_free);
  g_clear_pointer (&self->pending, g_hash_table_unref);
  g_free (self->open_phone);

  G_OBJECT_CLASS (agent_customers_page_parent_class)->finalize (object);
}

static void
agent_customers_page_class_init (AgentCustomersPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = agent_customers_page_dispose;
  object_class->finalize = agent_customers_page_finalize;
  widget_class->root = agent_customers_page_root;

  g_type_ensure (AGENT_TYPE_CUSTOMER_FILTERS);
  g_type_ensure (AGENT_TYPE_CUSTOMER_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/babaihu/Agent/agent-customers-page.ui");
  gtk_widget_class_bind_template_child (widget_class, AgentCustomersPage, leaflet);
  gtk_widget_class_bind_template_child (widget_class, AgentCustomersPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, AgentCustomersPage, find_dropdown);
  gtk_widget_class_bind_template_child (widget_class, AgentCustomersPage, filter_button);
  gtk_widget_class_bind_template_child (widget_class, AgentCustomersPage, filters);
  gtk_widget_class_bind_template_child (widget_class, AgentCustomersPage, total_label);
  gtk_widget_class_bind_template_child (widget_class, AgentCustomersPage, list_stack);
  gtk_widget_class_bind_template_child (widget_class, AgentCustomersPage, empty_page);
  gtk_widget_class_bind_template_child (widget_class, AgentCustomersPage, error_page);
  gtk_widget_class_bind_template_child (widget_class, AgentCustomersPage, scrolled_window);
  gtk_widget_class_bind_template_child (widget_class, AgentCustomersPage, list_view);
  gtk_widget_class_bind_template_child (widget_class, AgentCustomersPage, selection);
  gtk_widget_class_bind_template_child (widget_class, AgentCustomersPage, view);
  gtk_widget_class_bind_template_callback (widget_class, on_search_text_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_find_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_filter_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_selected_cb);

  gtk_widget_class_install_action (widget_class, "customers.new", NULL, new_action);
  gtk_widget_class_install_action (widget_class, "customers.reload", NULL, reload_action);
  gtk_widget_class_install_action (widget_class, "customers.clear-filters", NULL,
                                   clear_filters_action);
  gtk_widget_class_install_action (widget_class, "customers.back", NULL, back_action);
}

static void
agent_customers_page_init (AgentCustomersPage *self)
{
  self->query = bbh_customer_query_new ();
  self->pending = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, pending_free);
  self->model = agent_paged_model_new (BBH_TYPE_CUSTOMER, PAGE_SIZE);
  agent_paged_model_set_fetch_func (self->model, fetch_cb, finish_cb, self, NULL);
  agent_paged_model_set_auto_fetch (self->model, FALSE);

  gtk_widget_init_template (GTK_WIDGET (self));

  {
    GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (self->scrolled_window);

    g_signal_connect_object (adjustment, "value-changed", G_CALLBACK (agent_customers_page_queue_visible), self,
                             G_CONNECT_SWAPPED);
    g_signal_connect_object (adjustment, "changed", G_CALLBACK (agent_customers_page_queue_visible), self,
                             G_CONNECT_SWAPPED);
  }

  self->slots = agent_customer_slots_new (self->model);
  gtk_single_selection_set_model (self->selection, G_LIST_MODEL (self->slots));
  g_signal_connect_object (self->model, "page-loaded", G_CALLBACK (on_page_loaded_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->model, "error", G_CALLBACK (on_model_error_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->view, "queued", G_CALLBACK (on_view_queued_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->view, "deleted", G_CALLBACK (on_view_deleted_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->view, "loaded", G_CALLBACK (on_view_loaded_cb), self,
                           G_CONNECT_SWAPPED);

  agent_customers_page_set_up_rows (self);
}

GtkWidget *
agent_customers_page_new (void)
{
  return g_object_new (AGENT_TYPE_CUSTOMERS_PAGE, NULL);
}

/**
 * agent_customers_page_get_model:
 *
 * Returns: (transfer none): the list's model, a #AgentPagedModel of #BbhCustomer
 */
AgentPagedModel *
agent_customers_page_get_model (AgentCustomersPage *self)
{
  g_return_val_if_fail (AGENT_IS_CUSTOMERS_PAGE (self), NULL);

  return self->model;
}

/**
 * agent_customers_page_get_view:
 *
 * Returns: (transfer none): the record beside the list
 */
AgentCustomerView *
agent_customers_page_get_view (AgentCustomersPage *self)
{
  g_return_val_if_fail (AGENT_IS_CUSTOMERS_PAGE (self), NULL);

  return self->view;
}

/**
 * agent_customers_page_get_filters:
 *
 * Returns: (transfer none): the filters the list follows
 */
AgentCustomerFilters *
agent_customers_page_get_filters (AgentCustomersPage *self)
{
  g_return_val_if_fail (AGENT_IS_CUSTOMERS_PAGE (self), NULL);

  return self->filters;
}

/**
 * agent_customers_page_get_state:
 *
 * Returns: what the list side shows: `loading`, `empty`, `error` or `list`
 */
const char *
agent_customers_page_get_state (AgentCustomersPage *self)
{
  g_return_val_if_fail (AGENT_IS_CUSTOMERS_PAGE (self), NULL);

  return gtk_stack_get_visible_child_name (self->list_stack);
}

/**
 * agent_customers_page_open_phone:
 * @self: the page
 * @phone: a phone number
 *
 * What `open-customer` does: shows the page with the customer who has @phone, or an offer
 * to create one, and writes `customer-shown` (`phone`, `found`) once that is on screen.
 */
void
agent_customers_page_open_phone (AgentCustomersPage *self,
                                 const char         *phone)
{
  g_autofree char *number = NULL;
  GtkRoot *root;

  g_return_if_fail (AGENT_IS_CUSTOMERS_PAGE (self));
  g_return_if_fail (phone != NULL);

  number = agent_phone_normalize (phone, NULL);
  if (number == NULL)
    number = g_strstrip (g_strdup (phone));

  root = gtk_widget_get_root (GTK_WIDGET (self));
  if (AGENT_IS_WINDOW (root))
    {
      gtk_window_present (GTK_WINDOW (root));
      agent_window_show_page (AGENT_WINDOW (root), "customers");
    }
  if (self->session == NULL && self->application != NULL)
    set_session (self, agent_application_get_session (self->application));

  g_free (self->open_phone);
  self->open_phone = g_strdup (number);
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  agent_customer_view_show_phone (self->view, number);
  update_view_pending (self);
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
}

/**
 * agent_customers_page_select:
 * @self: the page
 * @position: a row of the list
 *
 * Selects the row, as a click does, and shows its record.
 */
void
agent_customers_page_select (AgentCustomersPage *self,
                             guint               position)
{
  g_return_if_fail (AGENT_IS_CUSTOMERS_PAGE (self));

  gtk_single_selection_set_selected (self->selection, position);
}

/**
 * agent_customers_page_is_pending:
 * @self: the page
 * @customer_id: a customer
 *
 * Returns: whether changes to the customer wait in the outbox
 */
gboolean
agent_customers_page_is_pending (AgentCustomersPage *self,
                                 gint64              customer_id)
{
  GHashTableIter iter;
  Pending *pending;

  g_return_val_if_fail (AGENT_IS_CUSTOMERS_PAGE (self), FALSE);

  if (customer_id <= 0)
    return FALSE;

  g_hash_table_iter_init (&iter, self->pending);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &pending))
    if (pending->customer_id == customer_id)
      return TRUE;
  return FALSE;
}
