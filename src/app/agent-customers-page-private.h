/* agent-customers-page-private.h — what the customers page's files share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "agent-application.h"
#include "agent-customer-fields.h"
#include "agent-customer-filters.h"
#include "agent-customer-slots.h"
#include "agent-customer-view.h"
#include "agent-customers-page.h"
#include "agent-outbox.h"
#include "agent-session.h"

G_BEGIN_DECLS

#define PAGE_SIZE 50

typedef struct
{
  AgentOutboxKind kind;
  gint64          customer_id;
  char           *phone;
} Pending;

struct _AgentCustomersPage
{
  AdwBin parent_instance;

  /* Template widgets */
  AdwLeaflet        *leaflet;
  GtkSearchEntry    *search_entry;
  GtkDropDown       *find_dropdown;
  GtkMenuButton     *filter_button;
  AgentCustomerFilters *filters;
  GtkLabel          *total_label;
  GtkStack          *list_stack;
  AdwStatusPage     *empty_page;
  AdwStatusPage     *error_page;
  GtkScrolledWindow *scrolled_window;
  GtkListView       *list_view;
  GtkSingleSelection *selection;
  AgentCustomerView *view;

  /* Owned */
  AgentSession        *session;
  AgentCustomerFields *fields;
  AgentPagedModel     *model;
  AgentCustomerSlots  *slots;           /* the model's rows, as the list shows them */
  AgentOutbox         *outbox;
  BbhCustomerQuery    *query;
  GHashTable          *pending;         /* outbox entry id (gint64 *) → Pending */
  char                *open_phone;      /* an open-customer request waiting for its answer */
  guint                search_id;
  guint                visible_id;
  GdkFrameClock       *grow_clock;
  gulong               grow_id;
  guint                grow_timeout_id;

  /* Borrowed */
  AgentApplication    *application;

  guint                find_chosen : 1;     /* the agent picked what to search */
  guint                setting_find : 1;
  guint                selecting : 1;       /* the selection follows the record shown */
  guint                load_pending : 1;    /* agent_page_loaded() is owed */
  guint                new_query : 1;       /* the next answer is another list: show its top */
};

void agent_customers_page_set_up_rows    (AgentCustomersPage *self);
void agent_customers_page_rebind_rows    (AgentCustomersPage *self);
void agent_customers_page_queue_visible  (AgentCustomersPage *self);
void agent_customers_page_hold_rows      (AgentCustomersPage *self);
void agent_customers_page_grow_rows      (AgentCustomersPage *self);
void agent_customers_page_stop_growing   (AgentCustomersPage *self);
void agent_customers_page_forget_clock   (AgentCustomersPage *self);

G_END_DECLS
