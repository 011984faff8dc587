/* agent-history-page-private.h — what the call history page's files share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "agent-application.h"
#include "agent-history-page.h"

G_BEGIN_DECLS

/* agent-history-cells.c: the list's items, one stable object per position */
#define AGENT_TYPE_HISTORY_ROW (agent_history_row_get_type ())
G_DECLARE_FINAL_TYPE (AgentHistoryRow, agent_history_row, AGENT, HISTORY_ROW, GObject)
#define AGENT_TYPE_HISTORY_ROWS (agent_history_rows_get_type ())
G_DECLARE_FINAL_TYPE (AgentHistoryRows, agent_history_rows, AGENT, HISTORY_ROWS, GObject)

BbhCallRecord    *agent_history_row_get_record (AgentHistoryRow *self);
AgentHistoryRows *agent_history_rows_new       (AgentPagedModel *source);
gboolean          agent_history_rows_grow      (AgentHistoryRows *self,
                                                guint             n);

struct _AgentHistoryPage
{
  AdwBin                  parent_instance;

  /* Template widgets */
  GtkDropDown            *range_dropdown;
  GtkWidget              *custom_box;
  GtkMenuButton          *from_button;
  GtkCalendar            *from_calendar;
  GtkMenuButton          *to_button;
  GtkCalendar            *to_calendar;
  GtkDropDown            *direction_dropdown;
  GtkSearchEntry         *number_entry;
  GtkDropDown            *talk_dropdown;
  GtkSpinButton          *talk_spin;
  GtkEntry               *agents_entry;
  GtkSpinner             *loading_spinner;
  GtkLabel               *order_label;
  GtkLabel               *total_label;
  GtkRevealer            *download_revealer;
  GtkLabel               *download_label;
  GtkProgressBar         *download_progress;
  GtkStack               *stack;
  GtkScrolledWindow      *scrolled_window;
  GtkColumnView          *column_view;
  GtkColumnViewColumn    *time_column;
  GtkColumnViewColumn    *direction_column;
  GtkColumnViewColumn    *number_column;
  GtkColumnViewColumn    *customer_column;
  GtkColumnViewColumn    *agent_column;
  GtkColumnViewColumn    *talk_column;
  GtkColumnViewColumn    *reason_column;
  GtkColumnViewColumn    *ivr_column;
  GtkColumnViewColumn    *actions_column;
  AdwStatusPage          *error_status;

  /* Made when first needed: the player starts GStreamer, which takes longer than showing
   * the first calls */
  AgentPlayerBar         *player_bar;

  /* Owned */
  AgentPagedModel        *model;
  AgentHistoryRows       *rows;         /* what the list shows: the model's rows */
  BbhCallRecordQuery     *query;        /* the filters; start and limit are set per page */
  AgentRecordingDownload *download;
  BbhCallRecord          *playing;      /* the record the player bar has open */
  GCancellable           *cancellable;  /* lookups and small actions; cancelled on logout */
  char                   *filters_key;  /* the filters of the last reload */
  GObject                *sort_probes[2]; /* tell the Time column's sort order, see setup_sorting() */

  /* Borrowed */
  AgentSession           *session;
  AgentApplication       *application;

  guint                   visible_idle;
  guint                   grow_tick;
  guint                   settle_timeout; /* the pages ahead, once a fast scroll slows down */
  guint                   last_first;     /* the first row on screen, as last seen */
  gint64                  last_seen_us;   /* and when */
  gboolean                load_pending; /* agent_page_loaded() is owed */
  gboolean                filters_valid;
};

BbhClient     *agent_history_page_client         (AgentHistoryPage *self);
gboolean       agent_history_page_is_admin       (AgentHistoryPage *self);
void           agent_history_page_toast          (AgentHistoryPage *self,
                                                  const char       *message);
BbhCallRecord *agent_history_page_record_at      (AgentHistoryPage *self,
                                                  guint             position);

/* agent-history-cells.c: the columns' cells and the row buttons */
void           agent_history_page_setup_columns  (AgentHistoryPage *self);
GMenuModel    *agent_history_page_row_menu       (AgentHistoryPage *self,
                                                  guint             position);

/* agent-history-actions.c: the row actions, memos, blocking and downloads */
void           agent_history_page_class_init_actions (GtkWidgetClass *widget_class);
void           agent_history_page_player_download_cb (AgentHistoryPage *self,
                                                      const char       *cdr_id);

G_END_DECLS
