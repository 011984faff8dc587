/* agent-customers-page-rows.c — the customer list's rows: binding, growing, what is on screen
 *
 * The rows follow their slots (AgentCustomerSlots): a search relabels the rows GTK has rather
 * than building them again. A short list that becomes a long one grows a screenful before its
 * first frame and the rest a frame at a time, and only the pages of the rows on screen are
 * fetched.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "agent-customers-page"

#include "config.h"

#include "agent-customer-row.h"
#include "agent-customers-page-private.h"

/* A short list that becomes a long one: GTK 4.8 builds a widget for each new row near the top
 * (about 200) before it paints. The rows grow by a screenful before the first frame, then by
 * as many a frame, up to where GTK builds no more widgets. */
#define FIRST_ROWS 32
#define ROWS_PER_FRAME 48
#define ROWS_BUILT 256
#define GROW_TIMEOUT_MS 1000
#define MIN_ROW_HEIGHT 24.0

/* ---- the rows: each needs the page's choice lists (status text) and its pending changes, and
 * follows its slot when a search puts another customer there ---- */

/* Searched by number: the customer's number that has it, which need not be the first. */
static const char *
matching_phone (AgentCustomersPage *self,
                BbhCustomer        *customer)
{
  const char *search = bbh_customer_query_get_search (self->query);
  GListModel *phones;

  if (search == NULL || bbh_customer_query_get_find (self->query) != BBH_CUSTOMER_FIND_PHONE)
    return NULL;

  phones = bbh_customer_get_phones (customer);
  for (guint i = 0; phones != NULL && i < g_list_model_get_n_items (phones); i++)
    {
      g_autoptr(BbhCustomerPhone) item = g_list_model_get_item (phones, i);
      const char *phone = bbh_customer_phone_get_phone (item);

      /* The customer holds it: the string outlives this call. */
      if (phone != NULL && strstr (phone, search) != NULL)
        return phone;
    }
  return NULL;
}

static void
update_row (AgentCustomersPage *self,
            AgentCustomerRow   *row,
            AgentCustomerSlot  *slot)
{
  BbhCustomer *customer = agent_customer_slot_get_customer (slot);
  const char *status = NULL;
  const char *phone = NULL;
  gboolean pending = FALSE;

  if (customer != NULL)
    {
      status = bbh_customer_get_status (customer);
      if (self->fields != NULL)
        status = agent_customer_fields_get_code_text (self->fields, AGENT_CODES_STATUS, status);
      pending = agent_customers_page_is_pending (self, bbh_customer_get_id (customer));
      phone = matching_phone (self, customer);
    }

  agent_customer_row_set_customer (row, customer, phone, status, pending);
}

static void
on_slot_customer_cb (AgentCustomerSlot *slot,
                     GParamSpec        *pspec,
                     AgentCustomerRow  *row)
{
  GtkWidget *page = gtk_widget_get_ancestor (GTK_WIDGET (row), AGENT_TYPE_CUSTOMERS_PAGE);

  if (page != NULL)
    update_row (AGENT_CUSTOMERS_PAGE (page), row, slot);
}

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              AgentCustomersPage       *self)
{
  gtk_list_item_set_child (item, agent_customer_row_new ());
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             AgentCustomersPage       *self)
{
  AgentCustomerSlot *slot = gtk_list_item_get_item (item);
  AgentCustomerRow *row = AGENT_CUSTOMER_ROW (gtk_list_item_get_child (item));

  g_signal_connect_object (slot, "notify::customer", G_CALLBACK (on_slot_customer_cb), row, 0);
  update_row (self, row, slot);
}

static void
unbind_row_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               AgentCustomersPage       *self)
{
  g_signal_handlers_disconnect_by_func (gtk_list_item_get_item (item), on_slot_customer_cb,
                                        gtk_list_item_get_child (item));
}

/* Once, when the page is made. */
void
agent_customers_page_set_up_rows (AgentCustomersPage *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_row_cb), self);
  gtk_list_view_set_factory (self->list_view, factory);
}

/* The choice texts or the pending marks changed: the rows say so again, in place. */
void
agent_customers_page_rebind_rows (AgentCustomersPage *self)
{
  agent_customer_slots_refresh (self->slots);
}

/* ---- what is on screen ---- */

/* GTK 4.8 binds about 200 rows around the visible ones; only the pages of the rows on screen
 * are fetched, worked out from the scroll position (the rows are all one height). */
static gboolean
on_ensure_visible_cb (gpointer user_data)
{
  AgentCustomersPage *self = user_data;
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (self->scrolled_window);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->slots));
  double upper = gtk_adjustment_get_upper (adjustment);
  double value = gtk_adjustment_get_value (adjustment);
  double page = gtk_adjustment_get_page_size (adjustment);
  guint first, last;

  self->visible_id = 0;
  if (n == 0)
    return G_SOURCE_REMOVE;

  if (upper <= 0 || page <= 0)
    {
      first = 0;
      last = MIN (n, 20) - 1;
    }
  else
    {
      /* While the list grows its estimate of the height lags the rows: no row is thinner
       * than a line, whatever the estimate says. */
      double row_height = MAX (upper / n, MIN_ROW_HEIGHT);

      first = (guint) CLAMP (value / row_height, 0, n - 1);
      last = (guint) CLAMP ((value + page) / row_height + 1, first, n - 1);
    }

  agent_paged_model_ensure_range (self->model, first, last);
  return G_SOURCE_REMOVE;
}

void
agent_customers_page_queue_visible (AgentCustomersPage *self)
{
  if (self->visible_id == 0)
    self->visible_id = g_idle_add (on_ensure_visible_cb, self);
}

/* ---- growing ---- */

void
agent_customers_page_forget_clock (AgentCustomersPage *self)
{
  /* A clock whose surface went has dropped its handlers already. */
  if (self->grow_id != 0 && g_signal_handler_is_connected (self->grow_clock, self->grow_id))
    g_signal_handler_disconnect (self->grow_clock, self->grow_id);
  self->grow_id = 0;
  g_clear_object (&self->grow_clock);
  g_clear_handle_id (&self->grow_timeout_id, g_source_remove);
}

void
agent_customers_page_stop_growing (AgentCustomersPage *self)
{
  agent_customers_page_forget_clock (self);
  agent_customer_slots_set_limit (self->slots, G_MAXUINT);
}

static gboolean
on_grow_timeout_cb (gpointer user_data)
{
  AgentCustomersPage *self = user_data;

  /* No frame came (the window hid): the list is let in whole. */
  self->grow_timeout_id = 0;
  agent_customers_page_stop_growing (self);
  return G_SOURCE_REMOVE;
}

static void
on_grow_after_paint_cb (GdkFrameClock      *clock,
                        AgentCustomersPage *self)
{
  guint limit = agent_customer_slots_get_limit (self->slots);

  if (limit >= ROWS_BUILT ||
      limit >= g_list_model_get_n_items (G_LIST_MODEL (self->model)))
    agent_customers_page_stop_growing (self);
  else
    agent_customer_slots_set_limit (self->slots, limit + ROWS_PER_FRAME);
}

/* The first rows of an answer are painted: let the rest of the list in, a frame at a time. */
void
agent_customers_page_grow_rows (AgentCustomersPage *self)
{
  GdkFrameClock *clock;

  if (agent_customer_slots_get_limit (self->slots) == G_MAXUINT || self->grow_clock != NULL)
    return;

  clock = gtk_widget_get_mapped (GTK_WIDGET (self->list_view))
          ? gtk_widget_get_frame_clock (GTK_WIDGET (self->list_view)) : NULL;
  if (clock == NULL)
    {
      agent_customers_page_stop_growing (self);
      return;
    }

  self->grow_clock = g_object_ref (clock);
  self->grow_id = g_signal_connect (clock, "after-paint", G_CALLBACK (on_grow_after_paint_cb),
                                    self);
  self->grow_timeout_id = g_timeout_add (GROW_TIMEOUT_MS, on_grow_timeout_cb, self);
}

/* A search is on its way: a list of few rows now lets the answer's rows in a screenful at
 * first (agent_customers_page_grow_rows() lets the rest in once it is painted). */
void
agent_customers_page_hold_rows (AgentCustomersPage *self)
{
  guint shown = g_list_model_get_n_items (G_LIST_MODEL (self->slots));

  if (shown < ROWS_BUILT && self->grow_clock == NULL)
    agent_customer_slots_set_limit (self->slots, MAX (shown, FIRST_ROWS));
}
