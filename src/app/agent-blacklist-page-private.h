/* agent-blacklist-page-private.h — what the blacklist page shares with its CSV import and export
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "agent-blacklist-page.h"
#include "agent-session.h"

G_BEGIN_DECLS

typedef enum
{
  JOB_ADD,
  JOB_REMOVE,
} JobKind;

typedef struct
{
  JobKind    kind;
  GPtrArray *phones;   /* the numbers to send, in order */
  guint      done;     /* how many the server took */
  char      *source;   /* the file's name, or NULL */
} Job;

struct _AgentBlacklistPage
{
  AdwBin              parent_instance;

  /* Template widgets */
  GtkWidget          *toolbar;
  GtkSearchEntry     *search_entry;
  GtkRevealer        *progress_revealer;
  GtkLabel           *progress_label;
  GtkProgressBar     *progress_bar;
  GtkStack           *stack;
  AdwStatusPage      *denied_page;
  AdwStatusPage      *error_page;
  GtkColumnView      *column_view;
  GtkMultiSelection  *selection;
  GtkFilterListModel *filter_model;
  GtkStringFilter    *filter;
  GtkLabel           *summary_label;

  /* Owned */
  AgentSession       *session;
  GCancellable       *cancellable;       /* loading the list */
  GCancellable       *job_cancellable;   /* reading a file, sending batches */
  GListModel         *entries;
  Job                *job;
  GtkNativeDialog    *chooser;

  guint               busy : 1;
  guint               stop_requested : 1;
};

void agent_blacklist_page_set_busy      (AgentBlacklistPage *self,
                                        gboolean            busy);
void agent_blacklist_page_set_progress  (AgentBlacklistPage *self,
                                        const char         *text,
                                        double              fraction);
void agent_blacklist_page_start_job     (AgentBlacklistPage *self,
                                        JobKind             kind,
                                        GPtrArray          *phones,
                                        const char         *source);

/* agent-blacklist-import.c: the Import and Export buttons */
void agent_blacklist_page_import_action (GtkWidget          *widget,
                                        const char         *action_name,
                                        GVariant           *parameter);
void agent_blacklist_page_export_action (GtkWidget          *widget,
                                        const char         *action_name,
                                        GVariant           *parameter);

G_END_DECLS
