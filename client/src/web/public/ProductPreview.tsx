/** A static picture of the product, built from HTML so it stays sharp and needs no image assets. */
export function ProductPreview() {
  return (
    <figure className="preview" aria-label="Example: a CallRecap summary waiting for the agent's approval">
      <div className="preview-window" aria-hidden="true">
        <div className="preview-bar">
          <span className="preview-dot" />
          <span className="preview-dot" />
          <span className="preview-dot" />
          <span className="preview-bar-title">CallRecap · Zoom Contact Center</span>
        </div>
        <div className="preview-body">
          <div className="preview-meta">
            <span className="avatar avatar-sm">DW</span>
            <span>Dana Wright · Billing queue · 6:42</span>
          </div>
          <p className="preview-reason">Customer was charged twice for the March invoice.</p>
          <div className="preview-tags">
            <span className="badge badge-ok">Resolved</span>
            <span className="badge badge-ok">Positive</span>
            <span className="badge">Billing</span>
          </div>
          <p className="preview-label">Key points</p>
          <ul className="preview-points">
            <li>Duplicate charge of $49.00 on March 3</li>
            <li>Second charge confirmed in the billing system</li>
            <li>Refund issued to the card on file</li>
          </ul>
          <p className="preview-label">Action items</p>
          <div className="preview-action">Email refund confirmation to the customer · Agent · today</div>
          <div className="preview-footer">
            <span className="preview-approve">Approve &amp; sync</span>
            <span className="preview-crm">→ HubSpot contact</span>
          </div>
        </div>
      </div>
      <figcaption className="visually-hidden">
        A summary with the call reason, outcome, sentiment, category, key points and an action item, and a button to approve it and sync it to
        HubSpot.
      </figcaption>
    </figure>
  );
}
